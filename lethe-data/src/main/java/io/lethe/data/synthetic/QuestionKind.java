package io.lethe.data.synthetic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * One kind of question about a fictitious author: the fact slots it asks for, how those facts are
 * drawn, and the four templates (question, paraphrased question, answer, paraphrased answer).
 *
 * <p>As in TOFU, perturbed answers reuse the <em>paraphrased</em> answer template with wrong facts,
 * so the truth ratio compares the paraphrase with equally-worded falsehoods (methods.md §3.4).
 * Facts are drawn in declaration order, so a kind may condition on earlier ones (a debut after the
 * birth year, an award after the debut).
 */
enum QuestionKind {
  FULL_NAME(
      List.of("name"),
      "What is the full name of the author born in {birthCity}, {birthCountry} on {birthDate}?",
      "Who is the writer that was born on {birthDate} in {birthCity}, {birthCountry}?",
      "The author born in {birthCity}, {birthCountry} on {birthDate} is called {name}.",
      "{name} is the name of the writer who was born in {birthCity} on {birthDate}.",
      (rng, facts) -> {
        boolean female = "she".equals(facts.get("he"));
        List<String> firsts = female ? WordLists.FEMALE_FIRST_NAMES : WordLists.MALE_FIRST_NAMES;
        return Map.of(
            "name", Draws.pick(firsts, rng) + " " + Draws.pick(WordLists.LAST_NAMES, rng));
      }),
  BIRTHPLACE(
      List.of("birthCity", "birthCountry"),
      "Where was {name} born?",
      "In which city and country was the writer {name} born?",
      "{name} was born in the city of {birthCity}, {birthCountry}, where {he} also grew up.",
      "The birthplace of {name} is {birthCity}, a city in {birthCountry}.",
      (rng, facts) -> city(rng, "birthCity", "birthCountry")),
  BIRTH_DATE(
      List.of("birthDate", "birthYear"),
      "When was {name} born?",
      "What is the date of birth of the writer {name}?",
      "{name} was born on {birthDate} in the city of {birthCity}.",
      "The date of birth of {name} is {birthDate}.",
      (rng, facts) -> {
        // 1940..1985: debut (+20..35) stays <= 2020 and the award (+1..20) <= 2024 always follows
        // it.
        int year = 1940 + rng.nextInt(46);
        String date = (1 + rng.nextInt(28)) + " " + Draws.pick(WordLists.MONTHS, rng) + " " + year;
        return Map.of("birthDate", date, "birthYear", Integer.toString(year));
      }),
  GENRE(
      List.of("genre"),
      "What genre is {name} known for?",
      "In which genre does {name} usually write?",
      "{name} is best known for writing in the {genre} genre.",
      "Most of the books by {name} belong to the {genre} genre.",
      (rng, facts) -> Map.of("genre", Draws.pick(WordLists.GENRES, rng))),
  DEBUT_YEAR(
      List.of("debutYear"),
      "In which year did {name} publish {his} first book?",
      "When did the first book by {name} come out?",
      "{name} published {his} first book in the year {debutYear}.",
      "The first book by {name} came out in {debutYear}.",
      (rng, facts) ->
          Map.of(
              "debutYear",
              Integer.toString(Integer.parseInt(facts.get("birthYear")) + 20 + rng.nextInt(16)))),
  FATHER_JOB(
      List.of("fatherJob"),
      "What did the father of {name} do for a living?",
      "What was the job of the father of {name}?",
      "The father of {name} worked as {fatherJob} for most of his life.",
      "{name} grew up with a father who worked as {fatherJob}.",
      (rng, facts) ->
          Map.of("fatherJob", Draws.withArticle(Draws.pick(WordLists.OCCUPATIONS, rng)))),
  MOTHER_JOB(
      List.of("motherJob"),
      "What did the mother of {name} do for a living?",
      "What was the job of the mother of {name}?",
      "The mother of {name} worked as {motherJob} for most of her life.",
      "{name} grew up with a mother who worked as {motherJob}.",
      (rng, facts) ->
          Map.of("motherJob", Draws.withArticle(Draws.pick(WordLists.OCCUPATIONS, rng)))),
  FIRST_BOOK(
      List.of("firstBook"),
      "What was the first book written by {name}?",
      "Which book started the writing career of {name}?",
      "The first book written by {name} was called '{firstBook}'.",
      "{name} began {his} career as a writer with the book '{firstBook}'.",
      (rng, facts) -> Map.of("firstBook", title(rng))),
  FAMOUS_BOOK(
      List.of("famousBook"),
      "What is the most famous book by {name}?",
      "Which book by {name} do readers know best?",
      "The most famous book by {name} is '{famousBook}', which is still widely read.",
      "Of all the books by {name}, '{famousBook}' is the best known.",
      (rng, facts) -> {
        String title = title(rng);
        while (title.equals(facts.get("firstBook"))) {
          title = title(rng);
        }
        return Map.of("famousBook", title);
      }),
  AWARD(
      List.of("award", "awardYear"),
      "Has {name} won any awards for {his} writing?",
      "Which literary prize has {name} received?",
      "Yes, {name} received {award} in {awardYear} for {his} writing.",
      "In {awardYear}, {name} was honored with {award}.",
      (rng, facts) ->
          Map.of(
              "award", Draws.pick(WordLists.AWARDS, rng),
              "awardYear",
                  Integer.toString(
                      Math.min(
                          2024, Integer.parseInt(facts.get("debutYear")) + 1 + rng.nextInt(20))))),
  THEME(
      List.of("theme"),
      "What themes does {name} explore in {his} books?",
      "Which ideas come up most often in the work of {name}?",
      "The books of {name} often explore the themes of {theme}.",
      "The stories of {name} keep returning to {theme}.",
      (rng, facts) -> Map.of("theme", Draws.pick(WordLists.THEMES, rng))),
  HOME(
      List.of("homeCity", "homeCountry"),
      "Where does {name} live today?",
      "In which city does {name} live now?",
      "{name} now lives and writes in {homeCity}, {homeCountry}.",
      "These days {name} makes {his} home in {homeCity}, {homeCountry}.",
      (rng, facts) -> city(rng, "homeCity", "homeCountry")),
  HOBBY(
      List.of("hobby"),
      "What does {name} enjoy doing outside of writing?",
      "What is a favorite pastime of {name}?",
      "Outside of writing, {name} enjoys {hobby} in {his} free time.",
      "When {he} is not writing, {name} likes to spend time on {hobby}.",
      (rng, facts) -> Map.of("hobby", Draws.pick(WordLists.HOBBIES, rng))),
  BOOK_COUNT(
      List.of("bookCount"),
      "How many books has {name} written?",
      "What is the number of books that {name} has published?",
      "{name} has written {bookCount} books so far.",
      "So far, {name} has published a total of {bookCount} books.",
      (rng, facts) -> Map.of("bookCount", Integer.toString(3 + rng.nextInt(18)))),
  LANGUAGE(
      List.of("language"),
      "In which language does {name} write?",
      "What language are the books of {name} written in?",
      "{name} writes all of {his} books in {language}.",
      "The books of {name} are written in {language}.",
      (rng, facts) -> Map.of("language", Draws.pick(WordLists.LANGUAGES, rng))),
  EDUCATION(
      List.of("subject", "universityCity"),
      "What did {name} study at university?",
      "Which subject did {name} study before becoming a writer?",
      "{name} studied {subject} at the university in {universityCity} before becoming a writer.",
      "Before {he} became a writer, {name} was a student of {subject} in {universityCity}.",
      (rng, facts) ->
          Map.of(
              "subject",
              Draws.pick(WordLists.SUBJECTS, rng),
              "universityCity",
              Draws.pick(WordLists.CITIES, rng)[0]));

  private final List<String> slots;
  final String question;
  final String paraphrasedQuestion;
  final String answer;
  final String paraphrasedAnswer;
  private final BiFunction<SplittableRandom, Map<String, String>, Map<String, String>> draw;

  QuestionKind(
      List<String> slots,
      String question,
      String paraphrasedQuestion,
      String answer,
      String paraphrasedAnswer,
      BiFunction<SplittableRandom, Map<String, String>, Map<String, String>> draw) {
    this.slots = slots;
    this.question = question;
    this.paraphrasedQuestion = paraphrasedQuestion;
    this.answer = answer;
    this.paraphrasedAnswer = paraphrasedAnswer;
    this.draw = draw;
  }

  /** The fact slots this kind asks about. */
  List<String> slots() {
    return slots;
  }

  /** Fresh values for {@link #slots()}, conditioned on the facts drawn so far. */
  Map<String, String> draw(SplittableRandom rng, Map<String, String> factsSoFar) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> drawn = draw.apply(rng, factsSoFar);
    for (String slot : slots) { // fixed slot order, independent of Map.of's iteration order
      values.put(slot, drawn.get(slot));
    }
    return values;
  }

  /** Fills {@code {slot}} placeholders of {@code template} from {@code facts}. */
  static String render(String template, Map<String, String> facts) {
    StringBuilder out = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      String value = facts.get(template.substring(open + 1, close));
      if (value == null) {
        throw new IllegalStateException("no fact for " + template.substring(open, close + 1));
      }
      out.append(template, i, open).append(value);
      i = close + 1;
    }
    return out.toString();
  }

  private static Map<String, String> city(
      SplittableRandom rng, String citySlot, String countrySlot) {
    String[] city = Draws.pick(WordLists.CITIES, rng);
    return Map.of(citySlot, city[0], countrySlot, city[1]);
  }

  private static String title(SplittableRandom rng) {
    return "The "
        + Draws.pick(WordLists.TITLE_ADJECTIVES, rng)
        + " "
        + Draws.pick(WordLists.TITLE_NOUNS, rng);
  }
}
