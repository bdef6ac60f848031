package io.lethe.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Port checks before anything starts and after everything stopped. A busy port found up front gives
 * one clear message instead of a bind error buried in a service log a minute later.
 */
public final class PortCheck {

  private static final int CONNECT_TIMEOUT_MS = 500;

  private PortCheck() {}

  /**
   * True when a server could bind {@code port} on all interfaces now. SO_REUSEADDR as servers
   * (Vert.x, Kafka) set it: a socket in TIME_WAIT from a stopped stack does not count as busy, a
   * listening one does.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** True when something accepts connections on the loopback interface at {@code port}. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails when any of the ports is taken.
   *
   * @param owners port → what the stack wants to run there, for the message
   */
  public static void requireFree(Map<Integer, String> owners) {
    String busy =
        owners.entrySet().stream()
            .filter(e -> !isFree(e.getKey()))
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining(", "));
    if (!busy.isEmpty()) {
      throw new StackStartException(
          "port(s) already in use: "
              + busy
              + ". Another stack or program listens there: stop it, or choose other ports"
              + " (./lethe --help lists the port options).");
    }
  }
}
