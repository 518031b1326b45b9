package io.fragscope.report;

import io.fragscope.AnalysisResult;
import io.fragscope.Dataset;
import io.fragscope.analysis.reclaim.ReclaimPlan;
import io.fragscope.analysis.reclaim.ReclaimStep;
import io.fragscope.source.ClusterSlot;
import io.fragscope.analysis.where.WhereSummary;
import io.fragscope.report.table.Scale;
import io.fragscope.report.table.Table;
import io.fragscope.report.table.Unit;
import io.fragscope.source.KeyName;

import java.util.ArrayList;
import java.util.List;

/**
 * The reclaim plan and "where the memory sits" tables, each defined once: {@code reclaim_plan}, {@code slots},
 * {@code hash_tags}, {@code type_percentiles}, {@code top_key_elements}, {@code shards}; and the selections their
 * renderers share.
 */
public final class WhereTables {
    private WhereTables() {}

    /** A step of an instance's plan, its number and its reason in the report language. */
    public record PlanRow(ReclaimPlan plan, int step, ReclaimStep s, String reason) {}

    public static final Table<PlanRow> RECLAIM_PLAN = Table.<PlanRow>builder("reclaim_plan", "summary.plan")
            .col("series", "col.instance", Unit.TEXT, r -> r.plan().dump().series())
            .col("source", "col.source", Unit.TEXT, r -> io.fragscope.source.FileNames.text(r.plan().dump().dump().source()))
            .col("priced_with", "col.priced_with", Unit.FILE, r -> r.plan().dataset())
            .col("step", "col.step", Unit.COUNT, PlanRow::step)
            .col("method", "col.method", Unit.TEXT, r -> r.s().method())
            .col("applicable", "col.applicable", Unit.BOOLEAN, r -> r.s().applicable())
            .col("reason_code", "col.reason_code", Unit.TEXT, r -> r.s().reason())
            .col("reason", "col.reason", Unit.TEXT, PlanRow::reason)
            .col("reclaimable_bytes", "col.reclaimable", Unit.SIGNED_BYTES, r -> r.s().reclaimableBytes())
            .col("expected_rss_after_bytes", "col.expected_rss_after", Unit.SIGNED_BYTES, r -> r.s().expectedRssAfterBytes())
            .col("expected_ratio_after", "col.expected_ratio_after", Unit.RATIO, r -> r.s().expectedRatioAfter())
            .col("commands", "col.commands", Unit.TEXT, r -> String.join("; ", r.s().commands()))
            .col("estimated_seconds", "col.estimated_seconds", Unit.SECONDS, r -> r.s().estimatedSeconds())
            .build();

    /** Every step of every plan, instances worst first. */
    public static List<PlanRow> plan(AnalysisResult r, Messages m) {
        List<PlanRow> rows = new ArrayList<>();
        for (ReclaimPlan p : r.plansWorstFirst()) {
            int n = 1;
            for (ReclaimStep s : p.steps()) rows.add(new PlanRow(p, n++, s, ReclaimPlanText.reason(m, s)));
        }
        return rows;
    }

    public record SlotRow(Dataset dataset, int slot, long keys, long bytes) {}

    public static final Table<SlotRow> SLOTS = Table.<SlotRow>builder("slots", "sheet.slots").scale(Scale.B)
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("slot", "col.slot", Unit.COUNT, SlotRow::slot)
            .col("keys", "col.keys", Unit.COUNT, SlotRow::keys)
            .col("bytes", "col.bytes", Unit.BYTES, SlotRow::bytes)
            .build();

    /** Every slot holding keys, in slot order. */
    public static List<SlotRow> slots(Dataset d) {
        List<SlotRow> rows = new ArrayList<>();
        if (d.profile() == null) return rows;
        WhereSummary w = d.profile().where();
        WhereSummary.Slots s = w.slots();
        for (int i = 0; i < s.size(); i++) rows.add(row(d, s, i));
        return rows;
    }

    private static SlotRow row(Dataset d, WhereSummary.Slots s, int i) { return new SlotRow(d, s.slot(i), s.keys(i), s.bytes(i)); }

    public record TagRow(Dataset dataset, WhereSummary.Tag tag) {
        int slot() {
            byte[] t = KeyName.unescape(tag.tag()).toByteArray();
            return ClusterSlot.crc16(t, 0, t.length) & 16383;
        }
    }

    public static final Table<TagRow> HASH_TAGS = Table.<TagRow>builder("hash_tags", "where.tags").scale(Scale.B)
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("hash_tag", "col.hash_tag", Unit.TEXT, r -> r.tag().tag())
            .col("slot", "col.slot", Unit.COUNT, TagRow::slot)
            .col("keys", "col.keys", Unit.COUNT, r -> r.tag().keys())
            .col("bytes", "col.bytes", Unit.BYTES, r -> r.tag().bytes())
            .build();

    public static List<TagRow> hashTags(Dataset d) {
        return d.profile() == null ? List.of() : d.profile().where().hashTags().stream().map(t -> new TagRow(d, t)).toList();
    }

    public record TypeRow(Dataset dataset, WhereSummary.TypeStats t) {}

    public static final Table<TypeRow> TYPE_PERCENTILES = Table.<TypeRow>builder("type_percentiles", "where.types").scale(Scale.B)
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("type", "col.type", Unit.TEXT, r -> r.t().type().redisName())
            .col("keys", "col.keys", Unit.COUNT, r -> r.t().keys())
            .col("bytes", "col.bytes", Unit.BYTES, r -> r.t().bytes())
            .col("bytes_per_key_p50", "col.bytes_per_key_p50", Unit.BYTES, r -> r.t().bytesP50())
            .col("bytes_per_key_p90", "col.bytes_per_key_p90", Unit.BYTES, r -> r.t().bytesP90())
            .col("bytes_per_key_p99", "col.bytes_per_key_p99", Unit.BYTES, r -> r.t().bytesP99())
            .col("bytes_per_key_max", "col.bytes_per_key_max", Unit.BYTES, r -> r.t().bytesMax())
            .col("elements_per_key_p50", "col.elements_per_key_p50", Unit.COUNT, r -> r.t().elementsP50())
            .col("elements_per_key_p90", "col.elements_per_key_p90", Unit.COUNT, r -> r.t().elementsP90())
            .col("elements_per_key_p99", "col.elements_per_key_p99", Unit.COUNT, r -> r.t().elementsP99())
            .col("elements_per_key_max", "col.elements_per_key_max", Unit.COUNT, r -> r.t().elementsMax())
            .build();

    public static List<TypeRow> types(Dataset d) {
        return d.profile() == null ? List.of() : d.profile().where().types().stream().map(t -> new TypeRow(d, t)).toList();
    }

    /** A band of expire times (already expired, within an hour, …, never) and the keys whose TTL falls in it. */
    public record ExpiryRow(io.fragscope.analysis.reclaim.KeyspaceProfile.ExpiryBucket bucket, long keys, long bytes) {}

    /** Keys by when they expire; summary.json's {@code where.expiry}, keyed by the band. */
    public static final Table<ExpiryRow> EXPIRY = Table.<ExpiryRow>builder("expiry", "where.expiry").scale(Scale.B)
            .col("bucket", "col.expiry_bucket", Unit.TEXT, r -> r.bucket().id().replace('-', '_'))
            .col("keys", "col.keys", Unit.COUNT, ExpiryRow::keys)
            .col("bytes", "col.bytes", Unit.BYTES, ExpiryRow::bytes)
            .build();

    public static List<ExpiryRow> expiry(Dataset d) {
        if (d.profile() == null) return List.of();
        List<ExpiryRow> rows = new ArrayList<>();
        for (var b : io.fragscope.analysis.reclaim.KeyspaceProfile.ExpiryBucket.values()) {
            rows.add(new ExpiryRow(b, d.profile().expiryKeys()[b.ordinal()], d.profile().expiryBytes()[b.ordinal()]));
        }
        return rows;
    }

    public record TopElementRow(Dataset dataset, WhereSummary.TopKey k) {}

    public static final Table<TopElementRow> TOP_KEY_ELEMENTS = Table.<TopElementRow>builder("top_key_elements", "where.top").scale(Scale.B)
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("db", "col.db", Unit.COUNT, r -> r.k().cost().db())
            .col("key", "col.key", Unit.TEXT, r -> r.k().cost().key().escaped())
            .col("type", "col.type", Unit.TEXT, r -> r.k().cost().type().redisName())
            .col("encoding", "col.encoding", Unit.TEXT, r -> r.k().cost().encoding().redisName())
            .col("elements", "col.elements", Unit.COUNT, r -> r.k().cost().elements())
            .col("allocated_bytes", "col.allocated", Unit.BYTES, r -> r.k().cost().allocatedBytes())
            .col("largest_element_bytes", "col.largest_element", Unit.BYTES, r -> r.k().largestElementBytes())
            .build();

    public static List<TopElementRow> topKeys(Dataset d) {
        return d.profile() == null ? List.of() : d.profile().where().topKeys().stream().map(k -> new TopElementRow(d, k)).toList();
    }

    /** One row per RDB file: in a cluster each file is a shard, and its slot range says which. */
    public static final Table<Dataset> SHARDS = Table.<Dataset>builder("shards", "where.shards")
            .col("source", "col.source", Unit.TEXT, d -> io.fragscope.source.FileNames.text(d.source()))   // the whole path: shards are told apart by it
            .col("series", "col.instance", Unit.TEXT, Dataset::series)
            .col("slots_with_keys", "col.slots_used", Unit.COUNT, d -> d.profile().where().slotsUsed())
            .col("first_slot", "col.first_slot", Unit.COUNT, d -> slotRange(d.profile().where())[0])
            .col("last_slot", "col.last_slot", Unit.COUNT, d -> slotRange(d.profile().where())[1])
            .col("keys", "col.keys", Unit.COUNT, d -> keys(d.profile().where()))
            .col("bytes", "col.bytes", Unit.BYTES, d -> d.profile().where().totalBytes())
            .col("heaviest_slot", "col.heaviest_slot", Unit.COUNT, d -> d.profile().where().heaviestSlot())
            .col("heaviest_slot_bytes", "col.heaviest_slot_bytes", Unit.BYTES,
                    d -> d.profile().where().heaviestSlotBytes())
            .col("skew_heaviest_over_average", "col.skew", Unit.RATIO, d -> d.profile().where().slotSkew())
            .build();

    public static List<Dataset> profiled(AnalysisResult r) { return r.datasets().stream().filter(d -> d.profile() != null).toList(); }

    static long keys(WhereSummary w) { return w.totalKeys(); }

    /** The {@code n} heaviest slots holding keys of {@code d}, heaviest first (ties: lower slot). */
    static List<SlotRow> heaviestSlots(Dataset d, int n) {
        if (d.profile() == null) return List.of();
        WhereSummary.Slots s = d.profile().where().slots();
        List<SlotRow> rows = new ArrayList<>();
        for (int i : heaviest(s, n)) rows.add(row(d, s, i));
        return rows;
    }

    /**
     * Indexes into {@code s} of its {@code n} heaviest slots, heaviest first (ties: the lower slot), in one pass that
     * keeps them in a small sorted array: a full file holds all 16,384 slots, and sorting every one of them to print
     * ten was most of the JSON report's time after the read.
     */
    static int[] heaviest(WhereSummary.Slots s, int n) {
        int[] kept = new int[Math.max(0, Math.min(n, s.size()))];
        int size = 0;
        for (int i = 0; i < s.size() && kept.length > 0; i++) {
            if (size == kept.length && !heavier(s, i, kept[size - 1])) continue;
            int at = size == kept.length ? size - 1 : size++;
            while (at > 0 && heavier(s, i, kept[at - 1])) { kept[at] = kept[at - 1]; at--; }
            kept[at] = i;
        }
        return kept;
    }

    /** Whether index {@code a} of {@code s} comes before {@code b}: more bytes, then the lower slot. */
    private static boolean heavier(WhereSummary.Slots s, int a, int b) {
        return s.bytes(a) != s.bytes(b) ? s.bytes(a) > s.bytes(b) : s.slot(a) < s.slot(b);
    }

    /** First and last slot holding keys, or {-1, -1}. */
    static int[] slotRange(WhereSummary w) {
        WhereSummary.Slots s = w.slots();
        return s.size() == 0 ? new int[] {-1, -1} : new int[] {s.slot(0), s.slot(s.size() - 1)};
    }
}
