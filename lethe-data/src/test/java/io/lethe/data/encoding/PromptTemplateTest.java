package io.lethe.data.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The families of methods.md §0.1. */
class PromptTemplateTest {

  @Test
  void composesTextsAsTofuDoes() {
    assertThat(PromptTemplate.LLAMA2.fullText("Q?", "A.")).isEqualTo("[INST] Q? [/INST]A.");
    assertThat(PromptTemplate.PHI.fullText("Q?", "A.")).isEqualTo("Question: Q?\nAnswer: A.");
    assertThat(PromptTemplate.PHI.prompt("Q?")).isEqualTo("Question: Q?\n");
    assertThat(PromptTemplate.PHI.generationPrompt("Q?")).isEqualTo("Question: Q?\nAnswer: ");
    assertThat(PromptTemplate.LLAMA3.fullText("Q?", "A."))
        .isEqualTo(
            "<|start_header_id|>user<|end_header_id|>\n\nQ?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nA.");
    assertThat(PromptTemplate.LETHE.fullText("Q?", "A.")).isEqualTo("Question: Q?\nAnswer:\nA.");
  }

  @Test
  void looksUpFamilies() {
    assertThat(PromptTemplate.forFamily("llama2-7b")).isEqualTo(PromptTemplate.LLAMA2);
    assertThat(PromptTemplate.forFamily("PHI")).isEqualTo(PromptTemplate.PHI);
    assertThat(PromptTemplate.forFamily("llama3-8b")).isEqualTo(PromptTemplate.LLAMA3);
    assertThat(PromptTemplate.forFamily("lethe")).isEqualTo(PromptTemplate.LETHE);
    assertThatThrownBy(() -> PromptTemplate.forFamily("gpt2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
