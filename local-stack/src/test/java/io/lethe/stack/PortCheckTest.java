package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.infra.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  @Test
  void aListeningSocketMakesThePortBusyAndClosingItFreesIt() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket()) {
      // bound to loopback only, as Kafka binds: a wildcard bind must still see the conflict
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = server.getLocalPort();

      assertThat(PortCheck.isFree(port)).isFalse();
      assertThat(PortCheck.isListening(port)).isTrue();
      assertThatThrownBy(() -> PortCheck.requireFree(Map.of(port, "Kafka")))
          .isInstanceOf(StackStartException.class)
          .hasMessageContaining(port + " (Kafka)");
    }
    assertThat(PortCheck.isFree(port)).isTrue();
    assertThat(PortCheck.isListening(port)).isFalse();
  }

  @Test
  void freePortsPass() {
    int port = FreePorts.next();

    PortCheck.requireFree(Map.of(port, "trainer-service"));

    assertThat(PortCheck.isFree(port)).isTrue();
  }
}
