package io.lethe.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Finds free TCP ports on the loopback interface, so several stacks and test JVMs never collide.
 */
public final class FreePorts {

  private FreePorts() {}

  /**
   * A port that was free a moment ago (the OS may hand it out again, but not to us in practice).
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
