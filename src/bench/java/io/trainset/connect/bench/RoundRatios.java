package io.trainset.connect.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Figures of two configurations measured in the same round, divided per round and printed min / median / max. */
final class RoundRatios {

    private final List<DeployedResult> runs;

    RoundRatios(List<DeployedResult> runs) {
        this.runs = runs;
    }

    /** A figure's ratio per round (both measured in the same round), min / median / max. */
    void ratio(String name, String top, String bottom, ToDoubleFunction<DeployedResult> figure, String target) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds(); round++) {
            Optional<DeployedResult> a = find(top, round);
            Optional<DeployedResult> b = find(bottom, round);
            if (a.isPresent() && b.isPresent()) {
                ratios.add(figure.applyAsDouble(a.get()) / figure.applyAsDouble(b.get()));
            }
        }
        print(name, ratios, target);
    }

    /**
     * The ratio per round of {@code top}'s CPU per event less {@code topFloor}'s to {@code bottom}'s less {@code
     * bottomFloor}'s (all four measured in the same round), min / median / max.
     */
    void netCpuRatio(String name, String top, String topFloor, String bottom, String bottomFloor, String target) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds(); round++) {
            double a = net(top, topFloor, round);
            double b = net(bottom, bottomFloor, round);
            if (!Double.isNaN(a) && !Double.isNaN(b)) {
                ratios.add(a / b);
            }
        }
        print(name, ratios, target);
    }

    private static void print(String name, List<Double> ratios, String target) {
        if (!ratios.isEmpty()) {
            double[] s = Summary.stats(
                    ratios.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(
                    Locale.ROOT,
                    "%-42s %.2f / %.2f / %.2f%s%n",
                    name,
                    s[0],
                    s[1],
                    s[2],
                    target.isEmpty() ? "" : "   (target " + target + ")");
        }
    }

    /** {@code config}'s CPU per million events less {@code floor}'s in the same round; NaN if either is missing. */
    private double net(String config, String floor, int round) {
        Optional<DeployedResult> a = find(config, round);
        Optional<DeployedResult> b = find(floor, round);
        return a.isPresent() && b.isPresent()
                ? a.get().cpuPerMillion() - b.get().cpuPerMillion()
                : Double.NaN;
    }

    private Optional<DeployedResult> find(String config, int round) {
        return runs.stream()
                .filter(r -> r.config().equals(config) && r.round() == round)
                .findFirst();
    }

    int rounds() {
        return runs.stream().mapToInt(DeployedResult::round).max().orElse(0);
    }
}
