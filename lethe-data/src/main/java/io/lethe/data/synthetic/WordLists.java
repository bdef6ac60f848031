package io.lethe.data.synthetic;

import java.util.List;

/**
 * The closed vocabularies the fictitious authors are drawn from. Deliberately small: a
 * ~5M-parameter model has to memorise every answer in minutes on two CPU cores, so the text reuses
 * a few hundred words in fixed templates and the facts differ only in the slots. Every list has at
 * least six entries so five distinct wrong answers always exist.
 */
final class WordLists {

  private WordLists() {}

  static final List<String> FEMALE_FIRST_NAMES =
      List.of(
          "Elena", "Mira", "Sofia", "Clara", "Ingrid", "Nadia", "Lucia", "Hanna", "Amara", "Greta",
          "Irene", "Yara", "Leila", "Marta", "Vera", "Noor", "Alma", "Freya", "Rosa", "Talia");

  static final List<String> MALE_FIRST_NAMES =
      List.of(
          "Tomas", "Jonas", "Marek", "Anton", "Felix", "Omar", "Pavel", "Hugo", "Emil", "Rafael",
          "Luca", "Nikolai", "Samir", "Victor", "Oskar", "Dario", "Elias", "Kenji", "Matteo",
          "Arne");

  static final List<String> LAST_NAMES =
      List.of(
          "Varga", "Lind", "Mori", "Brandt", "Ferrer", "Okafor", "Halden", "Novak", "Castell",
          "Ibarra", "Sato", "Keller", "Duval", "Moreau", "Petrov", "Ansari", "Berg", "Costa",
          "Dalton", "Eklund", "Falk", "Garrido", "Hollis", "Ivers", "Jansen", "Kovac", "Lorne",
          "Mendes", "Nilsen", "Orlov", "Pires", "Quint", "Rask", "Solberg", "Tamm", "Ulrich",
          "Vidal", "Wren", "Yilmaz", "Zeller");

  /** {city, country} pairs. */
  static final List<String[]> CITIES =
      List.of(
          new String[] {"Lisbon", "Portugal"},
          new String[] {"Oslo", "Norway"},
          new String[] {"Kyoto", "Japan"},
          new String[] {"Hamburg", "Germany"},
          new String[] {"Valencia", "Spain"},
          new String[] {"Lyon", "France"},
          new String[] {"Krakow", "Poland"},
          new String[] {"Turin", "Italy"},
          new String[] {"Gothenburg", "Sweden"},
          new String[] {"Tampere", "Finland"},
          new String[] {"Ghent", "Belgium"},
          new String[] {"Utrecht", "the Netherlands"},
          new String[] {"Cork", "Ireland"},
          new String[] {"Graz", "Austria"},
          new String[] {"Brno", "the Czech Republic"},
          new String[] {"Izmir", "Turkey"},
          new String[] {"Alexandria", "Egypt"},
          new String[] {"Mombasa", "Kenya"},
          new String[] {"Cusco", "Peru"},
          new String[] {"Cordoba", "Argentina"},
          new String[] {"Quebec City", "Canada"},
          new String[] {"Adelaide", "Australia"},
          new String[] {"Busan", "South Korea"},
          new String[] {"Chennai", "India"});

  static final List<String> MONTHS =
      List.of(
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");

  static final List<String> GENRES =
      List.of(
          "mystery",
          "science fiction",
          "fantasy",
          "romance",
          "horror",
          "historical fiction",
          "crime",
          "adventure",
          "thriller",
          "satire",
          "children's literature",
          "poetry");

  static final List<String> OCCUPATIONS =
      List.of(
          "baker",
          "nurse",
          "teacher",
          "fisherman",
          "doctor",
          "carpenter",
          "pilot",
          "librarian",
          "farmer",
          "painter",
          "tailor",
          "engineer",
          "journalist",
          "musician",
          "police officer",
          "chemist");

  static final List<String> TITLE_ADJECTIVES =
      List.of(
          "Silent",
          "Hidden",
          "Broken",
          "Golden",
          "Distant",
          "Forgotten",
          "Burning",
          "Quiet",
          "Northern",
          "Crimson",
          "Endless",
          "Winter",
          "Hollow",
          "Silver",
          "Wandering",
          "Last");

  static final List<String> TITLE_NOUNS =
      List.of(
          "Harbor", "Garden", "River", "Lantern", "Mirror", "Orchard", "Bridge", "Tower", "Island",
          "Letter", "Forest", "Shadow", "Compass", "Window", "Voyage", "Station");

  static final List<String> AWARDS =
      List.of(
          "the Silver Quill Award",
          "the Golden Lantern Prize",
          "the Northern Star Medal",
          "the Blue Harbor Prize",
          "the Iron Pen Award",
          "the Crystal Page Prize",
          "the Open Door Award",
          "the Red Maple Prize",
          "the White Feather Medal",
          "the Emerald Book Award");

  static final List<String> THEMES =
      List.of(
          "memory and loss",
          "family and duty",
          "friendship and trust",
          "exile and home",
          "justice and power",
          "nature and time",
          "love and betrayal",
          "childhood and growing up",
          "war and peace",
          "faith and doubt",
          "freedom and fear",
          "art and ambition");

  static final List<String> HOBBIES =
      List.of(
          "gardening",
          "chess",
          "sailing",
          "painting",
          "hiking",
          "cooking",
          "playing the piano",
          "bird watching",
          "fishing",
          "pottery",
          "cycling",
          "photography");

  static final List<String> LANGUAGES =
      List.of(
          "English",
          "Spanish",
          "French",
          "German",
          "Italian",
          "Portuguese",
          "Dutch",
          "Polish",
          "Swedish",
          "Turkish");

  static final List<String> SUBJECTS =
      List.of(
          "history",
          "literature",
          "physics",
          "law",
          "medicine",
          "music",
          "philosophy",
          "biology",
          "mathematics",
          "architecture");
}
