package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Requests are compared with limits through these conversions. */
class QuantityTest {

  @Test
  void convertsCpuAndMemorySuffixes() {
    assertThat(Quantity.parse("250m")).isEqualByComparingTo("0.25");
    assertThat(Quantity.parse("2")).isEqualByComparingTo("2");
    assertThat(Quantity.parse("768Mi")).isEqualByComparingTo("805306368");
    assertThat(Quantity.parse("1536Mi")).isEqualByComparingTo(Quantity.parse("1.5Gi"));
    assertThat(Quantity.parse("1G")).isEqualByComparingTo("1000000000");
  }
}
