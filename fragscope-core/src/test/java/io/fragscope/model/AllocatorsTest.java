package io.fragscope.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Size classes against the tables in shared/docs/redis-memory-model.md §2.2-§2.3 (generated from jemalloc's sc.c, checked against MALLOC-STATS). */
class AllocatorsTest {

    private static List<Long> classesUpTo(Allocator a, long max) {
        Set<Long> seen = new LinkedHashSet<>();
        for (long n = 1; n <= max; n++) seen.add(a.usable(n));
        return new ArrayList<>(seen);
    }

    @Test
    void jemallocWithA16ByteQuantumHasTheDistributionTable() {
        assertEquals(List.of(8L, 16L, 32L, 48L, 64L, 80L, 96L, 112L, 128L, 160L, 192L, 224L, 256L, 320L, 384L, 448L, 512L, 640L, 768L, 896L,
                1024L, 1280L, 1536L, 1792L, 2048L, 2560L, 3072L, 3584L, 4096L, 5120L, 6144L, 7168L, 8192L, 10240L, 12288L, 14336L),
                classesUpTo(Allocators.JEMALLOC_Q16, 14336));
    }

    @Test
    void jemallocWithAn8ByteQuantumHasTheBundledTable() {
        assertEquals(List.of(8L, 16L, 24L, 32L, 40L, 48L, 56L, 64L, 80L, 96L, 112L, 128L, 160L, 192L, 224L, 256L, 320L, 384L, 448L, 512L,
                640L, 768L, 896L, 1024L, 1280L, 1536L, 1792L, 2048L, 2560L, 3072L, 3584L, 4096L, 5120L, 6144L, 7168L, 8192L, 10240L,
                12288L, 14336L), classesUpTo(Allocators.JEMALLOC, 14336));
    }

    @Test
    void largeJemallocClassesAreFourPerDoubling() {
        for (Allocator a : List.of(Allocators.JEMALLOC, Allocators.JEMALLOC_Q16)) {
            assertEquals(List.of(16384L, 20480L, 24576L, 28672L, 32768L, 40960L, 49152L, 57344L, 65536L, 81920L),
                    classesUpTo(a, 81920).subList(a == Allocators.JEMALLOC ? 39 : 36, a == Allocators.JEMALLOC ? 49 : 46));
        }
    }

    @Test
    void theMissionsExampleA17ByteRequest() {
        assertEquals(24, Allocators.JEMALLOC.usable(17));
        assertEquals(32, Allocators.JEMALLOC_Q16.usable(17));
        assertEquals(24, Allocators.LIBC.usable(17));
        // The dictEntry of every key: 24 bytes, 24 on a source build, 32 on Debian's (doc §2.2).
        assertEquals(24, Allocators.JEMALLOC.usable(24));
        assertEquals(32, Allocators.JEMALLOC_Q16.usable(24));
    }

    @Test
    void glibcUsableSizesAsMeasuredWithMallocUsableSize() {
        // doc §2.3: chunk = max(32, (n + 8 + 15) & ~15), usable = chunk - 8; mmapped from 128 KiB.
        Map<Long, Long> measured = Map.of(0L, 24L, 24L, 24L, 25L, 40L, 100L, 104L, 131072L, 135152L, 200000L, 200688L);
        measured.forEach((n, usable) -> assertEquals(usable, Allocators.LIBC.usable(n), "malloc_usable_size(" + n + ")"));
    }

    @Test
    void libcWithoutMallocSizeChargesTheRequestPlusPrefix() {
        Allocator a = Allocators.LIBC_PREFIX;
        assertEquals(8, a.prefixSize());
        assertEquals(17 + 8, a.usedMemoryCharge(17));
        assertEquals(Allocators.LIBC.usable(17 + 8), a.footprint(17));
        assertEquals(0, Allocators.JEMALLOC.prefixSize());
        assertEquals(24, Allocators.JEMALLOC.usedMemoryCharge(17));
    }

    @Test
    void jemalloc36AsBundledWith28() {
        assertEquals(List.of(8L, 16L, 32L, 48L, 64L, 80L, 96L, 112L, 128L, 160L, 192L, 224L, 256L, 320L),
                classesUpTo(Allocators.JEMALLOC_36, 320));
        assertEquals(3072, Allocators.JEMALLOC_36.usable(3000));
        assertEquals(8192, Allocators.JEMALLOC_36.usable(5000));
    }

    @Test
    void everyAllocatorRoundsUpNeverDown() {
        for (Allocator a : Allocators.all()) {
            for (long n = 1; n < 70000; n += 7) assertTrue(a.usable(n) >= n, a.name() + " " + n);
        }
    }

    @Test
    void choiceFromInfoFieldsOfTheGroundtruthBuilds() {
        assertEquals(Allocators.JEMALLOC_Q16, AllocatorChoice.infer(Map.of("mem_allocator", "jemalloc-5.3.0",
                "executable", "/usr/bin/redis-server", "redis_version", "7.0.15")).allocator());
        // Debian's package run from PATH: the executable says nothing, the jemalloc version does (7.0 bundles 5.2.1).
        assertEquals(Allocators.JEMALLOC_Q16, AllocatorChoice.infer(Map.of("mem_allocator", "jemalloc-5.3.0",
                "executable", "/work/redis-server", "redis_version", "7.0.15")).allocator());
        assertEquals(Allocators.JEMALLOC, AllocatorChoice.infer(Map.of("mem_allocator", "jemalloc-5.2.1",
                "executable", "/usr/local/bin/redis-server", "redis_version", "7.0.15")).allocator());
        assertEquals(Allocators.LIBC_PREFIX, AllocatorChoice.infer(Map.of("mem_allocator", "libc", "redis_version", "4.0.14")).allocator());
        assertEquals(Allocators.LIBC, AllocatorChoice.infer(Map.of("mem_allocator", "libc", "redis_version", "7.2.6")).allocator());
        assertThrows(IllegalArgumentException.class, () -> AllocatorChoice.explicit("dlmalloc"));
        assertEquals(Allocators.TCMALLOC, AllocatorChoice.explicit("tcmalloc").allocator());
    }
}
