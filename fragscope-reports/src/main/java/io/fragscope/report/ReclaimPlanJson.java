package io.fragscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.Dataset;
import io.fragscope.analysis.reclaim.KeyspaceProfile;
import io.fragscope.analysis.reclaim.ReclaimPlan;
import io.fragscope.analysis.reclaim.ReclaimStep;
import io.fragscope.analysis.where.WhereSummary;

import io.fragscope.report.table.JsonRenderer;

import java.io.IOException;
import java.util.List;

/**
 * {@code reclaim_plan} inside a {@code dumps} entry of summary.json, and the {@code where} entry of a dataset.
 * Bytes are raw numbers; a figure that does not apply is still present with {@code applicable: false} and its reason.
 */
final class ReclaimPlanJson {
    /** Slots listed in JSON: the heaviest; slots.csv has every slot holding keys. */
    static final int TOP_SLOTS = 20;

    private ReclaimPlanJson() {}

    static void writePlan(JsonGenerator g, ReclaimPlan plan, Messages m) throws IOException {
        g.writeArrayFieldStart("reclaim_plan");
        if (plan != null) {
            for (ReclaimStep s : plan.steps()) {
                g.writeStartObject();
                g.writeStringField("method", s.method());
                g.writeBooleanField("applicable", s.applicable());
                g.writeStringField("reason_code", s.reason());
                g.writeStringField("reason", ReclaimPlanText.reason(m, s));
                g.writeNumberField("reclaimable_bytes", s.reclaimableBytes());
                g.writeNumberField("expected_rss_after_bytes", s.expectedRssAfterBytes());
                JsonSummary.ratioOrNull(g, "expected_ratio_after", s.expectedRatioAfter());
                g.writeArrayFieldStart("commands");
                for (String c : s.commands()) g.writeString(c);
                g.writeEndArray();
                if (s.estimatedSeconds() >= 0) g.writeNumberField("estimated_seconds", Math.round(s.estimatedSeconds() * 10) / 10.0);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        if (plan != null) {
            g.writeNumberField("reclaim_total_bytes", plan.totalReclaimable());
            g.writeStringField("reclaim_priced_with", plan.dataset() == null ? null : io.fragscope.source.FileNames.text(plan.dataset()));
        }
    }

    static void writeWhere(JsonGenerator g, Dataset d) throws IOException {
        KeyspaceProfile p = d.profile();
        if (p == null) return;
        WhereSummary w = p.where();
        g.writeStartObject();
        g.writeStringField("source", io.fragscope.source.FileNames.text(d.source()));
        g.writeStringField("series", d.series());
        g.writeObjectFieldStart("slots");
        g.writeNumberField("slots_with_keys", w.slotsUsed());
        g.writeNumberField("heaviest_slot", w.heaviestSlot());
        g.writeNumberField("heaviest_slot_bytes", w.heaviestSlotBytes());
        JsonSummary.ratioOrNull(g, "skew_heaviest_over_average", w.slotSkew());
        List<WhereTables.SlotRow> heaviest = WhereTables.heaviestSlots(d, TOP_SLOTS);
        JsonRenderer.array(g, "heaviest", WhereTables.SLOTS, heaviest, true);
        g.writeEndObject();
        JsonRenderer.array(g, "hash_tags", WhereTables.HASH_TAGS, WhereTables.hashTags(d), true);
        g.writeNumberField("hash_tag_keys_folded", w.tagsFolded());
        JsonRenderer.array(g, "types", WhereTables.TYPE_PERCENTILES, WhereTables.types(d), true);
        JsonRenderer.array(g, "top_keys", WhereTables.TOP_KEY_ELEMENTS, WhereTables.topKeys(d), true);
        JsonRenderer.keyed(g, "expiry", WhereTables.EXPIRY, "bucket", WhereTables.expiry(d));
        g.writeObjectFieldStart("idle");
        g.writeBooleanField("lru_stored", p.lruKnown());
        g.writeNumberField("bytes_idle_over_1d", p.idleBytes()[0]);
        g.writeNumberField("bytes_idle_over_7d", p.idleBytes()[1]);
        g.writeNumberField("bytes_idle_over_30d", p.idleBytes()[2]);
        g.writeBooleanField("lfu_stored", p.lfuKnown());
        g.writeNumberField("bytes_lfu_below_init", p.lfuColdBytes());
        g.writeEndObject();
        g.writeArrayFieldStart("encoding_what_if");
        for (KeyspaceProfile.EncodingWhatIf e : p.encodingWhatIfs()) {
            g.writeStartObject();
            g.writeStringField("direction", e.direction());
            g.writeStringField("type", e.type().redisName());
            g.writeArrayFieldStart("settings");
            for (KeyspaceProfile.Setting s : e.settings()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeNumberField("from", s.from());
                g.writeNumberField("to", s.to());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("keys_converted", e.keysConverted());
            g.writeNumberField("bytes_delta", e.bytesDelta());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("prefix_map", PrefixMapHtml.FILE);
        g.writeEndObject();
    }
}
