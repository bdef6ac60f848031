package io.lethe.data.text;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-unicode table: every byte gets a printable character so that BPE can work on
 * strings while staying lossless for arbitrary UTF-8 (the same table Hugging Face's {@code
 * ByteLevel} pre-tokenizer and decoder use).
 *
 * <p>Printable bytes {@code '!'..'~'}, {@code '¡'..'¬'}, {@code '®'..'ÿ'} map to themselves; the
 * remaining 68 bytes (control characters, space, soft hyphen, …) map to {@code U+0100, U+0101, …}
 * in byte order — so a space becomes {@code 'Ġ'} (U+0120) and a newline {@code 'Ċ'} (U+010A).
 */
public final class ByteLevelAlphabet {

  /** Number of byte values, i.e. the size of the initial BPE alphabet. */
  public static final int SIZE = 256;

  private static final char[] BYTE_TO_CHAR = new char[SIZE];
  private static final int[] CHAR_TO_BYTE = new int[SIZE + 68];

  static {
    int next = 0;
    for (int b = 0; b < SIZE; b++) {
      boolean printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      BYTE_TO_CHAR[b] = printable ? (char) b : (char) (SIZE + next++);
      CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
    }
  }

  private ByteLevelAlphabet() {}

  /** The character that stands for byte {@code b} (0–255). */
  public static char charOf(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte (0–255) that character {@code c} of the byte-level alphabet stands for. */
  public static int byteOf(char c) {
    if (c >= CHAR_TO_BYTE.length || BYTE_TO_CHAR[CHAR_TO_BYTE[c]] != c) {
      throw new IllegalArgumentException("not a byte-level character: U+" + Integer.toHexString(c));
    }
    return CHAR_TO_BYTE[c];
  }

  /** The byte-level string of {@code text}: one character per UTF-8 byte. */
  public static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      sb.append(BYTE_TO_CHAR[b & 0xFF]);
    }
    return sb.toString();
  }
}
