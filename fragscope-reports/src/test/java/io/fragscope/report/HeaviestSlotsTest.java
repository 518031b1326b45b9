package io.fragscope.report;

import io.fragscope.analysis.where.WhereSummary;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@link WhereTables#heaviest}'s one-pass selection against a full sort of the same slots. */
class HeaviestSlotsTest {
    private static final int SLOTS = 16_384;

    @Test
    void picksWhatAFullSortPutsFirst() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            long[] keys = new long[SLOTS], bytes = new long[SLOTS];
            int used = round % 4 == 0 ? SLOTS : 1 + random.nextInt(300);
            // Few distinct byte counts in some rounds, so ties (broken by the lower slot) are common.
            int spread = round % 3 == 0 ? 5 : 1_000_000;
            for (int k = 0; k < used; k++) {
                int slot = random.nextInt(SLOTS);
                keys[slot] += 1;
                bytes[slot] += 1 + random.nextInt(spread);
            }
            WhereSummary.Slots s = WhereSummary.Slots.of(keys, bytes);
            for (int n : new int[] {0, 1, 10, 17, s.size(), s.size() + 5}) {
                int[] expected = IntStream.range(0, s.size()).boxed()
                        .sorted(Comparator.comparingLong((Integer i) -> s.bytes(i)).reversed().thenComparingInt(s::slot))
                        .limit(Math.max(0, n)).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, WhereTables.heaviest(s, n), "round " + round + ", n " + n);
            }
        }
    }

    @Test
    void noSlotsNoRows() {
        assertArrayEquals(new int[0], WhereTables.heaviest(WhereSummary.Slots.NONE, 10));
        assertArrayEquals(new int[0], WhereTables.heaviest(WhereSummary.Slots.of(new long[SLOTS], new long[SLOTS]), 10));
    }
}
