package org.activelearning.core.journal;

import java.util.function.Function;

/**
 * Converts labels to and from the text stored in the journal.
 *
 * @param <Y> the label type
 */
public interface LabelCodec<Y> {

    /**
     * Encodes a label.
     *
     * @param label the label
     * @return its text form
     */
    String encode(Y label);

    /**
     * Decodes a label.
     *
     * @param text the text form
     * @return the label
     * @throws IllegalArgumentException if the text is not a valid label
     */
    Y decode(String text);

    /**
     * Labels that are strings.
     *
     * @return the identity codec
     */
    static LabelCodec<String> strings() {
        return of(s -> s, s -> s);
    }

    /**
     * Labels that are integers, such as class indices.
     *
     * @return the codec
     */
    static LabelCodec<Integer> integers() {
        return of(String::valueOf, s -> {
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("label '" + s + "' is not an integer", e);
            }
        });
    }

    /**
     * A codec from two functions.
     *
     * @param encode label to text
     * @param decode text to label
     * @param <Y> the label type
     * @return the codec
     */
    static <Y> LabelCodec<Y> of(Function<Y, String> encode, Function<String, Y> decode) {
        return new LabelCodec<>() {
            @Override
            public String encode(Y label) {
                return encode.apply(label);
            }

            @Override
            public Y decode(String text) {
                return decode.apply(text);
            }
        };
    }
}
