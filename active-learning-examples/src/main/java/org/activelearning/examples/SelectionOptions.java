package org.activelearning.examples;

import java.util.List;
import java.util.Locale;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.coldstart.TypiClust;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.data.PlanarImage;
import picocli.CommandLine.Option;

/** The options of {@code run} and {@code compare} that choose the first labels and the candidates scored. */
public final class SelectionOptions {

    @Option(names = "--initial-selection", defaultValue = "random", paramLabel = "KIND",
            description = "How the first labels are chosen: random, or typiclust (typical and diverse: k-means on"
                    + " PCA of the pixels, Hacohen et al. 2022). Default: ${DEFAULT-VALUE}")
    String initialSelection;

    @Option(names = "--candidates", defaultValue = "0", paramLabel = "M",
            description = "Score only a seeded random subset of M unlabeled images per round (0 = all)."
                    + " Default: ${DEFAULT-VALUE}")
    int candidates;

    void validate(List<String> problems) {
        String kind = initialSelection.toLowerCase(Locale.ROOT);
        if (!kind.equals("random") && !kind.equals("typiclust")) {
            problems.add("--initial-selection must be random or typiclust, got '" + initialSelection + "'");
        }
        if (candidates < 0) {
            problems.add("--candidates must be >= 0 (0 = all), got " + candidates);
        }
    }

    /** The initial selection of {@code count} images. */
    InitialSelection initial(int count) {
        if (initialSelection.equalsIgnoreCase("typiclust")) {
            return TypiClust.pixels(count, SelectionOptions::pixels);
        }
        return InitialSelection.random(count);
    }

    /** The named strategy, subsampled when {@code --candidates} is set. */
    QueryStrategy<PlanarImage> strategy(String name) {
        QueryStrategy<PlanarImage> s = QueryStrategies.byName(name);
        return candidates > 0 ? QueryStrategies.subsampled(s, candidates) : s;
    }

    /** An image's bytes as floats in [0, 1], the raw input of TypiClust's engine-free embedding. */
    static float[] pixels(PlanarImage image) {
        float[] v = new float[image.byteSize()];
        byte[] data = image.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (data[image.offset() + i] & 0xFF) / 255f;
        }
        return v;
    }
}
