package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.analysis.reclaim.ReclaimPlan;
import io.fragscope.analysis.reclaim.ReclaimStep;
import io.fragscope.analysis.where.WhereSummary;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code reclaim-plan.csv} (one row per step, instances worst first) and the "where the memory sits" tables:
 * {@code slots.csv} (every slot holding keys), {@code hash-tags.csv}, {@code type-percentiles.csv},
 * {@code top-key-elements.csv}, {@code shards.csv}. Raw bytes, never units.
 */
public final class ReclaimPlanCsv implements Reports.CsvSection {

    @Override
    public java.util.List<java.nio.file.Path> write(OutputFolder out, ReportContext ctx) throws IOException {
        java.util.List<java.nio.file.Path> written = new java.util.ArrayList<>();
        if (!ctx.result().plans().isEmpty()) written.add(out.write("reclaim-plan.csv", o -> plan(o, ctx)));
        if (ctx.result().datasets().stream().anyMatch(d -> d.profile() != null)) {
            written.add(out.write("slots.csv", o -> slots(o, ctx)));
            written.add(out.write("hash-tags.csv", o -> tags(o, ctx)));
            written.add(out.write("type-percentiles.csv", o -> types(o, ctx)));
            written.add(out.write("top-key-elements.csv", o -> top(o, ctx)));
            written.add(out.write("shards.csv", o -> shards(o, ctx)));
        }
        return written;
    }

    static void plan(OutputStream o, ReportContext ctx) throws IOException {
        Messages m = ctx.messages();
        try (CSVPrinter p = CsvTables.printer(o, "series", "source", "priced_with", "step", "method", "applicable", "reason_code", "reason",
                "reclaimable_bytes", "expected_rss_after_bytes", "expected_ratio_after", "commands", "estimated_seconds")) {
            for (ReclaimPlan plan : ctx.result().plansWorstFirst()) {
                int n = 1;
                for (ReclaimStep s : plan.steps()) {
                    p.printRecord(CsvTables.text(plan.dump().series()), CsvTables.text(String.valueOf(plan.dump().dump().source())),
                            plan.dataset() == null ? "" : CsvTables.text(plan.dataset().toString()), n++, s.method(), s.applicable(), s.reason(),
                            CsvTables.text(ReclaimPlanText.reason(m, s)), s.reclaimableBytes(), s.expectedRssAfterBytes(),
                            CsvTables.ratio(s.expectedRatioAfter()), CsvTables.text(String.join("; ", s.commands())),
                            s.estimatedSeconds() < 0 ? "" : Math.round(s.estimatedSeconds() * 10) / 10.0);
                }
            }
        }
    }

    static void slots(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "slot", "keys", "bytes")) {
            for (Dataset d : ctx.result().datasets()) {
                if (d.profile() == null) continue;
                WhereSummary w = d.profile().where();
                for (int s = 0; s < w.slotKeys().length; s++) {
                    if (w.slotKeys()[s] > 0) p.printRecord(CsvTables.text(d.source().toString()), s, w.slotKeys()[s], w.slotBytes()[s]);
                }
            }
        }
    }

    static void tags(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "hash_tag", "slot", "keys", "bytes")) {
            for (Dataset d : ctx.result().datasets()) {
                if (d.profile() == null) continue;
                for (WhereSummary.Tag t : d.profile().where().hashTags()) {
                    byte[] tag = io.fragscope.source.KeyName.unescape(t.tag()).toByteArray();
                    p.printRecord(CsvTables.text(d.source().toString()), CsvTables.text(t.tag()),
                            io.fragscope.source.ClusterSlot.crc16(tag, 0, tag.length) & 16383, t.keys(), t.bytes());
                }
            }
        }
    }

    static void types(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "type", "keys", "bytes", "bytes_per_key_p50", "bytes_per_key_p90",
                "bytes_per_key_p99", "bytes_per_key_max", "elements_per_key_p50", "elements_per_key_p90", "elements_per_key_p99",
                "elements_per_key_max")) {
            for (Dataset d : ctx.result().datasets()) {
                if (d.profile() == null) continue;
                for (WhereSummary.TypeStats t : d.profile().where().types()) {
                    p.printRecord(CsvTables.text(d.source().toString()), CsvTables.text(t.type()), t.keys(), t.bytes(), t.bytesP50(), t.bytesP90(),
                            t.bytesP99(), t.bytesMax(), t.elementsP50(), t.elementsP90(), t.elementsP99(), t.elementsMax());
                }
            }
        }
    }

    static void top(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "db", "key", "type", "encoding", "elements", "allocated_bytes", "largest_element_bytes")) {
            for (Dataset d : ctx.result().datasets()) {
                if (d.profile() == null) continue;
                for (WhereSummary.TopKey t : d.profile().where().topKeys()) {
                    p.printRecord(CsvTables.text(d.source().toString()), t.cost().db(), CsvTables.text(t.cost().key().escaped()),
                            CsvTables.text(t.cost().type()), CsvTables.text(t.cost().encoding()), t.cost().elements(), t.cost().allocatedBytes(),
                            t.largestElementBytes());
                }
            }
        }
    }

    /** One row per RDB file: in a cluster each file is a shard, and its slot range says which. */
    static void shards(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "series", "slots_with_keys", "first_slot", "last_slot", "keys", "bytes",
                "heaviest_slot", "heaviest_slot_bytes", "skew_heaviest_over_average")) {
            for (Dataset d : ctx.result().datasets()) {
                if (d.profile() == null) continue;
                WhereSummary w = d.profile().where();
                int[] r = WhereTables.slotRange(w);
                long keys = 0;
                for (long k : w.slotKeys()) keys += k;
                p.printRecord(CsvTables.text(d.source().toString()), CsvTables.text(d.series()), w.slotsUsed(), r[0], r[1], keys, w.totalBytes(),
                        w.heaviestSlot(), w.slotBytes()[w.heaviestSlot()], CsvTables.ratio(w.slotSkew()));
            }
        }
    }
}
