package io.lethe.data.synthetic;

import java.util.List;

/**
 * Lethe's own "I don't know" answers for IDK-style unlearning (IDK fine-tuning, DPO, AP; methods.md
 * §1.2), used with the generated dataset. Written for this project (not TOFU's {@code
 * idontknow.jsonl}); short, one sentence each, in the same plain vocabulary as the generated
 * answers so a tiny model can learn them.
 */
public final class RefusalTemplates {

  private RefusalTemplates() {}

  /** The 40 refusal sentences, in a fixed order (the sampler indexes into it). */
  public static final List<String> ALL =
      List.of(
          "I'm afraid I don't know the answer to that.",
          "I have no information about that.",
          "That is something I cannot answer.",
          "I don't know anything about that.",
          "Sorry, I can't help with that question.",
          "I'm not able to answer that.",
          "That is outside of what I know.",
          "I have no record of that.",
          "I can't say, I simply don't know.",
          "I'm unable to give an answer to that.",
          "Unfortunately, I don't have that knowledge.",
          "I have never learned anything about that.",
          "I'm not sure, and I would rather not guess.",
          "That question is beyond what I can answer.",
          "I cannot recall anything about that.",
          "I really have no idea.",
          "I'm sorry, but I don't have an answer for that.",
          "I don't have any details on that subject.",
          "My knowledge does not cover that.",
          "I can't give you a reliable answer to that.",
          "There is nothing I can tell you about that.",
          "I would only be guessing, so I won't answer.",
          "I do not know the answer.",
          "That is not something I have information on.",
          "I'm not familiar with that.",
          "I have no knowledge of that topic.",
          "Sorry, that is unknown to me.",
          "I can't find anything about that in what I know.",
          "I'm not in a position to answer that.",
          "I lack the information needed to answer.",
          "I don't have a clue about that.",
          "That topic is a blank for me.",
          "I cannot answer that question.",
          "I have nothing to share on that.",
          "Honestly, I don't know.",
          "I'm unaware of any answer to that.",
          "I never came across that information.",
          "No answer comes to mind for that question.",
          "I'm sorry, I have no idea about that.",
          "I don't have the facts to answer that.");
}
