package io.fragscope.analysis;

import java.util.List;
import java.util.Map;

/**
 * A diagnosis with the numbers that triggered it. Text is not stored here: reports render
 * {@code finding.<code>.message} and {@code .action} from the resource bundle of the chosen
 * language with {@link #args()}, so every language gets the same numbers.
 *
 * @param evidence the triggering figures by field name, for JSON and the workbook
 * @param args     MessageFormat arguments for the message and action texts
 */
public record Finding(FindingCode code, Severity severity, Map<String, Object> evidence, List<Object> args) {
    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
        args = List.copyOf(args);
    }
}
