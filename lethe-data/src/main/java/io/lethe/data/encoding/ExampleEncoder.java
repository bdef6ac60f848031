package io.lethe.data.encoding;

import io.lethe.data.QaPair;
import io.lethe.data.text.TextTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns question/answer pairs into model inputs exactly as TOFU and closer-look do (methods.md
 * §0.2), so losses and metrics computed in Java see the same tokens, the same masked prompt and the
 * same single EOS target:
 *
 * <pre>
 * ids            = tokenizer(full_text, add_special_tokens=True)[:L]        (BOS prepended)
 * nq             = len(tokenizer(prompt, add_special_tokens=True))          (prompt = q_start + q + q_end, BOS included)
 * pad            = L - len(ids)
 * input_ids      = ids + [EOS]*pad                                          (right padding with EOS)
 * attention_mask = [1]*len(ids) + [0]*pad
 * labels         = ids + [EOS] + [-100]*(pad-1)      if pad > 0, else ids
 * labels[0:nq]   = -100                                                     (only with maskPrompt)
 * </pre>
 *
 * With {@code maskPrompt=false} (sail-sg's {@code mask=false}, used for the ME+GD forget example)
 * {@code labels = input_ids}: prompt, answer and every EOS padding position are targets. Truncation
 * keeps the first L tokens, which equals HF's truncation for tokenizers that only prepend special
 * tokens (all supported families).
 */
public final class ExampleEncoder {

  /** L for training examples (closer-look {@code forget.py max_length=500}). */
  public static final int TRAIN_MAX_LENGTH = 500;

  /** L for evaluation examples ({@code eval.generation.max_length=200}). */
  public static final int EVAL_MAX_LENGTH = 200;

  private final TextTokenizer tokenizer;
  private final PromptTemplate template;

  /** An encoder for {@code tokenizer}'s model family, wrapping questions with {@code template}. */
  public ExampleEncoder(TextTokenizer tokenizer, PromptTemplate template) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.template = Objects.requireNonNull(template, "template");
  }

  /** The tokenizer used. */
  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  /** The prompt template used. */
  public PromptTemplate template() {
    return template;
  }

  /** §0.2 with the prompt masked, padded to {@code maxLength}. */
  public EncodedExample encode(QaPair pair, int maxLength) {
    return encode(pair.question(), pair.answer(), maxLength, true);
  }

  /** §0.2 with the prompt masked or not, padded to {@code maxLength}. */
  public EncodedExample encode(QaPair pair, int maxLength, boolean maskPrompt) {
    return encode(pair.question(), pair.answer(), maxLength, maskPrompt);
  }

  /**
   * §0.2: encodes {@code question}/{@code answer} into {@code maxLength} positions.
   *
   * @param maskPrompt {@code true}: prompt positions (BOS, template, question) get {@link
   *     EncodedExample#IGNORE}; {@code false}: labels equal the input ids everywhere, padding
   *     included
   */
  public EncodedExample encode(String question, String answer, int maxLength, boolean maskPrompt) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive");
    }
    int[] ids = fullTextIds(question, answer);
    if (ids.length > maxLength) {
      ids = Arrays.copyOf(ids, maxLength);
    }
    int n = ids.length;
    int pad = maxLength - n;
    int eos = tokenizer.eosId();

    int[] inputIds = Arrays.copyOf(ids, maxLength);
    Arrays.fill(inputIds, n, maxLength, eos);
    int[] attention = new int[maxLength];
    Arrays.fill(attention, 0, n, 1);

    if (!maskPrompt) {
      return new EncodedExample(inputIds, attention, inputIds.clone());
    }
    int[] labels = Arrays.copyOf(ids, maxLength);
    if (pad > 0) {
      labels[n] = eos; // the one EOS target: the model learns to stop after the answer
      Arrays.fill(labels, n + 1, maxLength, EncodedExample.IGNORE);
    }
    int nq = Math.min(promptTokenCount(question), maxLength);
    Arrays.fill(labels, 0, nq, EncodedExample.IGNORE);
    return new EncodedExample(inputIds, attention, labels);
  }

  /**
   * Unpadded, untruncated ids of {@code full_text} with BOS (their count is the shortest L that
   * loses nothing).
   */
  public int[] fullTextIds(String question, String answer) {
    return tokenizer.encode(template.fullText(question, answer), true);
  }

  /** {@code nq}: tokens of {@code q_start + question + q_end} with special tokens (BOS counted). */
  public int promptTokenCount(String question) {
    return tokenizer.encode(template.prompt(question), true).length;
  }

  /** Ids of the generation prompt (BOS + template + question + answer tag), unpadded. */
  public int[] generationPromptIds(String question) {
    return tokenizer.encode(template.generationPrompt(question), true);
  }

  /**
   * Generation prompts of a batch, left-padded with EOS to the longest prompt (methods.md §1.7), so
   * every row's next token is generated at the same position.
   */
  public PromptBatch encodeGenerationPrompts(List<String> questions) {
    int[][] prompts = new int[questions.size()][];
    int longest = 0;
    for (int i = 0; i < prompts.length; i++) {
      prompts[i] = generationPromptIds(questions.get(i));
      longest = Math.max(longest, prompts[i].length);
    }
    int[][] ids = new int[prompts.length][longest];
    int[][] mask = new int[prompts.length][longest];
    for (int i = 0; i < prompts.length; i++) {
      int pad = longest - prompts[i].length;
      Arrays.fill(ids[i], 0, pad, tokenizer.eosId());
      System.arraycopy(prompts[i], 0, ids[i], pad, prompts[i].length);
      Arrays.fill(mask[i], pad, longest, 1);
    }
    return new PromptBatch(ids, mask);
  }
}
