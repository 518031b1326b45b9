package io.fragscope.source.bigkeys;

import java.nio.file.Path;
import java.util.List;

/**
 * The summary {@code redis-cli --bigkeys}, {@code --memkeys} or {@code --keystats} prints after scanning (redis-cli.c
 * findBigKeys / keyStats): how many keys were sampled, the biggest key of each type and the per-type totals and
 * averages. It is a partial key listing: only the biggest key per type is named.
 *
 * @param unit    "bytes" for --memkeys and --keystats' top key sizes (MEMORY USAGE), else the type's own unit (items, fields,
 *                members, entries; a string's length: "bytes" from --bigkeys, "bytes long" from --keystats)
 */
public record KeyScanSummary(Path source, String tool, long sampledKeys, long totalKeyLength, List<Biggest> biggest,
                             List<TypeTotal> types, List<String> warnings) {
    public KeyScanSummary { biggest = List.copyOf(biggest); types = List.copyOf(types); warnings = List.copyOf(warnings); }

    /** {@code key} is the name as redis-cli printed it (quoted, with its escapes), never unescaped here. */
    public record Biggest(String type, String key, long size, String unit) {}

    public record TypeTotal(String type, long keys, long size, String unit, double percentOfKeys, double average) {}
}
