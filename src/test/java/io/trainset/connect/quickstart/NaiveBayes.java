package io.trainset.connect.quickstart;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bag-of-words multinomial naive Bayes classifier with Laplace smoothing: the smallest model that
 * shows the dataset can be learned from. Train once with {@link #train}, then {@link #predict}.
 */
final class NaiveBayes {

    /** One training or test example: its text and its label. */
    record Example(String text, String label) {}

    private final Map<String, Integer> docsPerLabel = new HashMap<>();
    private final Map<String, Map<String, Integer>> wordCounts = new HashMap<>();
    private final Map<String, Integer> wordsPerLabel = new HashMap<>();
    private final Map<String, Boolean> vocabulary = new HashMap<>();
    private int docs;

    static NaiveBayes train(List<Example> examples) {
        NaiveBayes model = new NaiveBayes();
        for (Example example : examples) {
            model.docs++;
            model.docsPerLabel.merge(example.label(), 1, Integer::sum);
            Map<String, Integer> counts = model.wordCounts.computeIfAbsent(example.label(), l -> new HashMap<>());
            for (String word : tokens(example.text())) {
                counts.merge(word, 1, Integer::sum);
                model.wordsPerLabel.merge(example.label(), 1, Integer::sum);
                model.vocabulary.put(word, true);
            }
        }
        return model;
    }

    /** The label with the highest posterior: log prior plus smoothed log likelihood of each word. */
    String predict(String text) {
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Integer> label : docsPerLabel.entrySet()) {
            Map<String, Integer> counts = wordCounts.get(label.getKey());
            double denominator = wordsPerLabel.getOrDefault(label.getKey(), 0) + vocabulary.size();
            double score = Math.log((double) label.getValue() / docs);
            for (String word : tokens(text)) {
                score += Math.log((counts.getOrDefault(word, 0) + 1) / denominator);
            }
            if (score > bestScore) {
                bestScore = score;
                best = label.getKey();
            }
        }
        return best;
    }

    /** The most frequent training label: what a model that ignores the text predicts. */
    String majorityLabel() {
        return docsPerLabel.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    static double accuracy(List<Example> test, java.util.function.Function<String, String> predictor) {
        long right = test.stream()
                .filter(e -> e.label().equals(predictor.apply(e.text())))
                .count();
        return test.isEmpty() ? 0 : (double) right / test.size();
    }

    private static List<String> tokens(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).stream()
                .filter(t -> t.length() > 1)
                .toList();
    }
}
