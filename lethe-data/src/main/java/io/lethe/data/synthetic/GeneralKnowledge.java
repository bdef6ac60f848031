package io.lethe.data.synthetic;

import io.lethe.data.QaItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The generator's two utility sets — well-known authors and world facts, the analogues of TOFU's
 * {@code real_authors} and {@code world_facts} (methods.md §3.1). Each row has a short gold answer,
 * 3 wrong answers of the same type (other authors, other capitals, …) and 4 shuffled
 * multiple-choice options. The facts are common knowledge, phrased here; a base model is trained on
 * them so that unlearning can be checked for collateral damage on general knowledge.
 */
final class GeneralKnowledge {

  private static final int WRONG_ANSWERS = 3;

  private GeneralKnowledge() {}

  /** {author, book} pairs. */
  private static final String[][] BOOKS = {
    {"Jane Austen", "Pride and Prejudice"},
    {"Charles Dickens", "Oliver Twist"},
    {"Mark Twain", "The Adventures of Tom Sawyer"},
    {"Herman Melville", "Moby-Dick"},
    {"Leo Tolstoy", "War and Peace"},
    {"Fyodor Dostoevsky", "Crime and Punishment"},
    {"George Orwell", "Animal Farm"},
    {"Mary Shelley", "Frankenstein"},
    {"Bram Stoker", "Dracula"},
    {"Victor Hugo", "Les Miserables"},
    {"Miguel de Cervantes", "Don Quixote"},
    {"Homer", "The Odyssey"},
    {"Dante Alighieri", "The Divine Comedy"},
    {"William Shakespeare", "Hamlet"},
    {"Emily Bronte", "Wuthering Heights"},
    {"Charlotte Bronte", "Jane Eyre"},
    {"Jules Verne", "Around the World in Eighty Days"},
    {"H. G. Wells", "The Time Machine"},
    {"Lewis Carroll", "Alice's Adventures in Wonderland"},
    {"Oscar Wilde", "The Picture of Dorian Gray"},
    {"F. Scott Fitzgerald", "The Great Gatsby"},
    {"Ernest Hemingway", "The Old Man and the Sea"},
    {"J. R. R. Tolkien", "The Hobbit"},
    {"Harper Lee", "To Kill a Mockingbird"},
    {"Aldous Huxley", "Brave New World"},
    {"John Steinbeck", "The Grapes of Wrath"},
    {"Franz Kafka", "The Metamorphosis"},
    {"Gabriel Garcia Marquez", "One Hundred Years of Solitude"},
    {"Virginia Woolf", "Mrs Dalloway"},
    {"James Joyce", "Ulysses"},
    {"Louisa May Alcott", "Little Women"},
    {"Robert Louis Stevenson", "Treasure Island"},
    {"Daniel Defoe", "Robinson Crusoe"},
    {"Jonathan Swift", "Gulliver's Travels"},
    {"Arthur Conan Doyle", "The Hound of the Baskervilles"},
    {"Agatha Christie", "Murder on the Orient Express"},
    {"Alexandre Dumas", "The Three Musketeers"},
    {"Gustave Flaubert", "Madame Bovary"},
    {"J. D. Salinger", "The Catcher in the Rye"},
    {"Ray Bradbury", "Fahrenheit 451"},
    {"Chinua Achebe", "Things Fall Apart"},
    {"Toni Morrison", "Beloved"},
    {"Kurt Vonnegut", "Slaughterhouse-Five"},
    {"Nathaniel Hawthorne", "The Scarlet Letter"},
    {"Thomas Hardy", "Tess of the d'Urbervilles"},
    {"Joseph Conrad", "Heart of Darkness"},
    {"Umberto Eco", "The Name of the Rose"},
    {"Johann Wolfgang von Goethe", "Faust"},
    {"Rudyard Kipling", "The Jungle Book"},
    {"George Eliot", "Middlemarch"},
  };

  /** {country, capital} pairs. */
  private static final String[][] CAPITALS = {
    {"France", "Paris"},
    {"Germany", "Berlin"},
    {"Italy", "Rome"},
    {"Spain", "Madrid"},
    {"Portugal", "Lisbon"},
    {"Japan", "Tokyo"},
    {"China", "Beijing"},
    {"India", "New Delhi"},
    {"Egypt", "Cairo"},
    {"Kenya", "Nairobi"},
    {"Canada", "Ottawa"},
    {"Mexico", "Mexico City"},
    {"Brazil", "Brasilia"},
    {"Argentina", "Buenos Aires"},
    {"Australia", "Canberra"},
    {"Russia", "Moscow"},
    {"Greece", "Athens"},
    {"Norway", "Oslo"},
    {"Sweden", "Stockholm"},
    {"Finland", "Helsinki"},
    {"Poland", "Warsaw"},
    {"Ireland", "Dublin"},
    {"Austria", "Vienna"},
    {"Hungary", "Budapest"},
    {"Turkey", "Ankara"},
    {"Peru", "Lima"},
    {"Chile", "Santiago"},
    {"Thailand", "Bangkok"},
    {"South Korea", "Seoul"},
    {"Nigeria", "Abuja"},
    {"Morocco", "Rabat"},
    {"Denmark", "Copenhagen"},
    {"the Netherlands", "Amsterdam"},
    {"Belgium", "Brussels"},
    {"Switzerland", "Bern"},
    {"the Czech Republic", "Prague"},
    {"Cuba", "Havana"},
    {"Vietnam", "Hanoi"},
    {"Colombia", "Bogota"},
    {"Iran", "Tehran"},
  };

  /** {country, continent} pairs. */
  private static final String[][] CONTINENTS = {
    {"Kenya", "Africa"}, {"Nigeria", "Africa"}, {"Morocco", "Africa"},
    {"Peru", "South America"}, {"Chile", "South America"}, {"Argentina", "South America"},
    {"Japan", "Asia"}, {"Vietnam", "Asia"}, {"Thailand", "Asia"},
    {"Canada", "North America"}, {"Mexico", "North America"}, {"Cuba", "North America"},
    {"Norway", "Europe"}, {"Poland", "Europe"}, {"Portugal", "Europe"},
    {"New Zealand", "Oceania"}, {"Fiji", "Oceania"},
  };

  /** {question, answer, wrong, wrong, wrong}. */
  private static final String[][] SCIENCE_AND_EVERYDAY = {
    {"How many days are there in a week?", "Seven", "Five", "Six", "Eight"},
    {"How many legs does a spider have?", "Eight", "Six", "Four", "Ten"},
    {"What is the largest planet in the solar system?", "Jupiter", "Saturn", "Mars", "Neptune"},
    {"Which planet is closest to the sun?", "Mercury", "Venus", "Mars", "Earth"},
    {"Which planet is known as the Red Planet?", "Mars", "Venus", "Jupiter", "Saturn"},
    {"At how many degrees Celsius does water boil at sea level?", "100", "90", "80", "120"},
    {"At how many degrees Celsius does water freeze?", "0", "10", "-10", "4"},
    {
      "Which gas do plants take in from the air to make food?",
      "Carbon dioxide",
      "Oxygen",
      "Nitrogen",
      "Helium"
    },
    {
      "What is the largest ocean on Earth?",
      "The Pacific Ocean",
      "The Atlantic Ocean",
      "The Indian Ocean",
      "The Arctic Ocean"
    },
    {"What is the chemical symbol for gold?", "Au", "Ag", "Fe", "Gd"},
    {
      "What is the tallest mountain in the world?",
      "Mount Everest",
      "K2",
      "Kilimanjaro",
      "Mont Blanc"
    },
    {"How many sides does a triangle have?", "Three", "Four", "Five", "Six"},
    {
      "What is the largest animal on Earth?",
      "The blue whale",
      "The elephant",
      "The giraffe",
      "The great white shark"
    },
    {"How many hours are there in a day?", "24", "12", "20", "36"},
    {"What is the hardest natural material?", "Diamond", "Granite", "Iron", "Quartz"},
    {
      "Which organ pumps blood through the human body?",
      "The heart",
      "The liver",
      "The lungs",
      "The brain"
    },
    {"How many continents are there on Earth?", "Seven", "Five", "Six", "Nine"},
    {"What is the main language spoken in Brazil?", "Portuguese", "Spanish", "French", "English"},
  };

  /** Authors of well-known books (the real-authors analogue): 50 rows. */
  static List<QaItem> realAuthors(SplittableRandom rng) {
    List<String> authors = column(BOOKS, 0);
    List<QaItem> rows = new ArrayList<>();
    for (String[] book : BOOKS) {
      String question =
          rng.nextBoolean()
              ? "Who wrote the book '" + book[1] + "'?"
              : "Which author wrote '" + book[1] + "'?";
      rows.add(row(question, book[0], wrongFrom(authors, book[0], rng), rng));
    }
    return List.copyOf(rows);
  }

  /** Capitals, continents and everyday science (the world-facts analogue): 75 rows. */
  static List<QaItem> worldFacts(SplittableRandom rng) {
    List<QaItem> rows = new ArrayList<>();
    List<String> capitals = column(CAPITALS, 1);
    for (String[] c : CAPITALS) {
      String question =
          rng.nextBoolean()
              ? "What is the capital of " + c[0] + "?"
              : "Which city is the capital of " + c[0] + "?";
      rows.add(row(question, c[1], wrongFrom(capitals, c[1], rng), rng));
    }
    List<String> continents = List.copyOf(new LinkedHashSet<>(column(CONTINENTS, 1)));
    for (String[] c : CONTINENTS) {
      rows.add(
          row("On which continent is " + c[0] + "?", c[1], wrongFrom(continents, c[1], rng), rng));
    }
    for (String[] fact : SCIENCE_AND_EVERYDAY) {
      rows.add(row(fact[0], fact[1], List.of(fact[2], fact[3], fact[4]), rng));
    }
    return List.copyOf(rows);
  }

  private static QaItem row(
      String question, String answer, List<String> wrong, SplittableRandom rng) {
    List<String> options = new ArrayList<>(wrong);
    options.add(answer);
    return new QaItem(question, answer, null, null, wrong, Draws.shuffled(options, rng));
  }

  /** {@link #WRONG_ANSWERS} distinct values of {@code pool} other than {@code truth}. */
  private static List<String> wrongFrom(List<String> pool, String truth, SplittableRandom rng) {
    Set<String> wrong = new LinkedHashSet<>();
    while (wrong.size() < WRONG_ANSWERS) {
      String candidate = Draws.pick(pool, rng);
      if (!candidate.equals(truth)) {
        wrong.add(candidate);
      }
    }
    return List.copyOf(wrong);
  }

  private static List<String> column(String[][] table, int column) {
    List<String> values = new ArrayList<>(table.length);
    for (String[] row : table) {
      values.add(row[column]);
    }
    return values;
  }
}
