package io.lethe.ml.checkpoint;

/**
 * Element types of the safetensors format with their byte widths; the floating ones convert to
 * float32 on read so fp16/bf16 checkpoints (most published Llama weights) load into the fp32 CPU
 * model.
 */
public enum SafetensorsDType {
  F64(8),
  F32(4),
  F16(2),
  BF16(2),
  I64(8),
  I32(4),
  I16(2),
  I8(1),
  U8(1),
  BOOL(1);

  private final int bytes;

  SafetensorsDType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Whether {@link SafetensorsFile#readFloat32} can convert this type. */
  public boolean isFloating() {
    return this == F64 || this == F32 || this == F16 || this == BF16;
  }

  /** Parses the header's {@code dtype} string. */
  public static SafetensorsDType parse(String s) {
    try {
      return valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported safetensors dtype '" + s + "'", e);
    }
  }
}
