package io.lethe.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names a SmallRye {@code @ConfigMapping} interface defines, read from its source:
 * each no-argument method is a key (camelCase → kebab-case, or its {@code @WithName}), and a method
 * returning a nested interface is a group whose keys continue below it. Enough for the mappings the
 * services write (groups, {@code Optional}, {@code @WithName}); a {@code Map} member is reported as
 * a prefix, since its keys are the user's.
 */
final class ConfigMappingKeys {

  private static final Pattern MAPPING_PREFIX =
      Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"[^)]*\\)");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
  private static final Pattern METHOD =
      Pattern.compile(
          "((?:@\\w+(?:\\s*\\([^)]*\\))?\\s*)*)(default\\s+)?"
              + "([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
  private static final Pattern WITH_NAME =
      Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");

  /** Keys (exact names) and prefixes (any key below them) of one mapping. */
  record Keys(List<String> names, List<String> prefixes) {}

  private ConfigMappingKeys() {}

  /** The keys of every {@code @ConfigMapping} interface in one Java source file. */
  static Keys read(String source) {
    String code = stripComments(source);
    List<String> names = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    Matcher mapping = MAPPING_PREFIX.matcher(code);
    while (mapping.find()) {
      Matcher top = INTERFACE.matcher(code);
      if (!top.find(mapping.end())) {
        continue;
      }
      Map<String, String> bodies = interfaceBodies(code);
      collect(mapping.group(1), bodies.get(top.group(1)), bodies, names, prefixes);
    }
    return new Keys(names, prefixes);
  }

  private static void collect(
      String prefix,
      String body,
      Map<String, String> bodies,
      List<String> names,
      List<String> prefixes) {
    Matcher m = METHOD.matcher(withoutNestedBodies(body));
    while (m.find()) {
      if (m.group(2) != null) {
        continue; // a default method computes a value, it is not a key
      }
      Matcher withName = WITH_NAME.matcher(m.group(1));
      String key = prefix + "." + (withName.find() ? withName.group(1) : kebab(m.group(4)));
      String type = m.group(3);
      String group = groupType(type, bodies);
      if (type.startsWith("Map<") || type.startsWith("java.util.Map<")) {
        prefixes.add(key);
      } else if (group != null) {
        collect(key, bodies.get(group), bodies, names, prefixes);
      } else {
        names.add(key);
      }
    }
  }

  /** The nested interface a member's type names, directly or inside {@code Optional<…>}. */
  private static String groupType(String type, Map<String, String> bodies) {
    String inner = type.replaceAll("^(?:java\\.util\\.)?Optional<(.*)>$", "$1").trim();
    String simple = inner.substring(inner.lastIndexOf('.') + 1);
    return bodies.containsKey(simple) ? simple : null;
  }

  /** Every interface in the file by simple name → the text between its braces. */
  private static Map<String, String> interfaceBodies(String code) {
    Map<String, String> bodies = new LinkedHashMap<>();
    Matcher m = INTERFACE.matcher(code);
    while (m.find()) {
      int start = m.end();
      bodies.put(m.group(1), code.substring(start, closingBrace(code, start)));
    }
    return bodies;
  }

  /** The body with nested type bodies removed, so only this level's members remain. */
  private static String withoutNestedBodies(String body) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : body.toCharArray()) {
      if (c == '{') {
        depth++;
        out.append(';');
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int closingBrace(String code, int afterOpening) {
    int depth = 1;
    for (int i = afterOpening; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced braces");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String stripComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
  }
}
