package io.lethe.ml.checkpoint;

import java.io.IOException;

/** A file that claims to be safetensors but violates the format (bad header, offsets or sizes). */
public class SafetensorsFormatException extends IOException {

  public SafetensorsFormatException(String message) {
    super(message);
  }

  public SafetensorsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
