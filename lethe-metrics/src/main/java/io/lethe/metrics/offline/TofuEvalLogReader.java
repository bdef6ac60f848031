package io.lethe.metrics.offline;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lethe.metrics.tofu.TofuEvalSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads TOFU's {@code eval_log_aggregated.json}: top-level keys {@code eval_log.json}, {@code
 * eval_real_author_wo_options.json}, {@code eval_real_world_wo_options.json}, {@code
 * eval_log_forget.json}; under each, metric dicts keyed by item index ({@code "0"}, {@code "1"},
 * …). Only the four fields TOFU's aggregation uses are read; items are ordered by their integer
 * index, and every field must cover the same indices.
 */
public final class TofuEvalLogReader {

  static final String AVG_GT_LOSS = "avg_gt_loss";
  static final String AVERAGE_PERTURB_LOSS = "average_perturb_loss";
  static final String AVG_PARAPHRASED_LOSS = "avg_paraphrased_loss";
  static final String ROUGE_L_RECALL = "rougeL_recall";

  // Python's json writes NaN / Infinity for diverged losses; accept them rather than fail.
  private final ObjectMapper mapper =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** Reads a log file. */
  public TofuEvalLog read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** Reads a log from a stream; {@code source} names it in error messages. */
  public TofuEvalLog read(InputStream in, String source) throws IOException {
    JsonNode root = mapper.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException(source + ": not a JSON object");
    }
    Map<TofuEvalSet, TofuSetLog> sets = new EnumMap<>(TofuEvalSet.class);
    for (TofuEvalSet set : TofuEvalSet.values()) {
      JsonNode node = root.get(set.logKey());
      if (node == null || !node.isObject()) {
        throw new IOException(source + ": missing evaluation set " + set.logKey());
      }
      sets.put(set, readSet(node, source + " " + set.logKey()));
    }
    return new TofuEvalLog(sets);
  }

  private static TofuSetLog readSet(JsonNode node, String where) throws IOException {
    TreeMap<Integer, JsonNode> gt = indexed(node, AVG_GT_LOSS, where);
    TreeMap<Integer, JsonNode> perturb = indexed(node, AVERAGE_PERTURB_LOSS, where);
    TreeMap<Integer, JsonNode> para = indexed(node, AVG_PARAPHRASED_LOSS, where);
    TreeMap<Integer, JsonNode> rouge = indexed(node, ROUGE_L_RECALL, where);
    Set<Integer> indices = gt.keySet();
    if (!indices.equals(perturb.keySet())
        || !indices.equals(para.keySet())
        || !indices.equals(rouge.keySet())) {
      throw new IOException(where + ": fields cover different item indices");
    }
    int n = indices.size();
    double[] gtValues = new double[n];
    double[][] perturbValues = new double[n][];
    double[] paraValues = new double[n];
    double[] rougeValues = new double[n];
    int i = 0;
    for (Integer index : indices) {
      gtValues[i] = number(gt.get(index), where, AVG_GT_LOSS, index);
      paraValues[i] = number(para.get(index), where, AVG_PARAPHRASED_LOSS, index);
      rougeValues[i] = number(rouge.get(index), where, ROUGE_L_RECALL, index);
      JsonNode list = perturb.get(index);
      if (!list.isArray() || list.isEmpty()) {
        throw new IOException(
            where + ": " + AVERAGE_PERTURB_LOSS + "[" + index + "] is not a non-empty list");
      }
      List<Double> losses = new ArrayList<>();
      for (JsonNode v : list) {
        losses.add(number(v, where, AVERAGE_PERTURB_LOSS, index));
      }
      perturbValues[i] = losses.stream().mapToDouble(Double::doubleValue).toArray();
      i++;
    }
    return new TofuSetLog(gtValues, perturbValues, paraValues, rougeValues);
  }

  private static TreeMap<Integer, JsonNode> indexed(JsonNode set, String field, String where)
      throws IOException {
    JsonNode dict = set.get(field);
    if (dict == null || !dict.isObject()) {
      throw new IOException(where + ": missing field " + field);
    }
    TreeMap<Integer, JsonNode> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = dict.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      try {
        out.put(Integer.parseInt(e.getKey()), e.getValue());
      } catch (NumberFormatException ex) {
        throw new IOException(where + ": " + field + " has a non-integer index " + e.getKey(), ex);
      }
    }
    return out;
  }

  private static double number(JsonNode v, String where, String field, int index)
      throws IOException {
    if (v == null || !v.isNumber()) {
      throw new IOException(where + ": " + field + "[" + index + "] is not a number");
    }
    return v.doubleValue();
  }
}
