package io.fragscope.analysis.keys;

import java.util.List;

/**
 * Allocations per allocator size class, as the model counts them. The model package fills it;
 * the aggregator only carries it into the summary, so this package does not depend on the model.
 *
 * @param allocatorName e.g. "jemalloc-5.3.0 (quantum 16)"
 * @param bins          one per size class that saw an allocation, smallest class first
 * @param owners        per small size class, the key types and prefixes with the most allocations in it
 *                      ({@link SizeClassOwners}: a few of each per class); empty when not counted (listings)
 */
public record SizeClassHistogram(String allocatorName, List<Bin> bins, List<Owner> owners) implements java.io.Serializable {

    public static final SizeClassHistogram EMPTY = new SizeClassHistogram("", List.of());

    /** How many types and prefixes {@link #owners} keeps per size class. */
    public static final int OWNERS_PER_CLASS = 5;

    public SizeClassHistogram {
        bins = List.copyOf(bins);
        owners = List.copyOf(owners);
    }

    public SizeClassHistogram(String allocatorName, List<Bin> bins) { this(allocatorName, bins, List.of()); }

    /** This histogram with its split by key type and prefix. */
    public SizeClassHistogram withOwners(List<Owner> owners) { return new SizeClassHistogram(allocatorName, bins, owners); }

    /**
     * Allocations of one key type ({@code kind} "type": {@code string}, {@code hash} …) or one key prefix ({@code kind}
     * "prefix", escaped as in the prefix table; {@link SizeClassOwners#OTHER} for the rest) in one size class.
     */
    public record Owner(long sizeClassBytes, String kind, String name, long allocations) implements java.io.Serializable {}

    /** The owners of one size class and kind, most allocations first. */
    public List<Owner> ownersOf(long sizeClassBytes, String kind) {
        return owners.stream().filter(o -> o.sizeClassBytes() == sizeClassBytes && o.kind().equals(kind))
                .sorted(java.util.Comparator.comparingLong(Owner::allocations).reversed()).toList();
    }

    /**
     * @param sizeClassBytes the class size (what one allocation in it really takes)
     * @param allocations    allocations that landed in the class
     * @param requestedBytes sum of the sizes asked for
     */
    public record Bin(long sizeClassBytes, long allocations, long requestedBytes) implements java.io.Serializable {
        public long allocatedBytes() { return sizeClassBytes * allocations; }

        public long wasteBytes() { return allocatedBytes() - requestedBytes; }
    }

    public boolean isEmpty() {
        return bins.isEmpty();
    }

    /**
     * Both histograms' allocations per size class (a class is its size in bytes, whatever the input). The
     * allocator name is kept when both agree (or one is empty), else both names are listed, sorted, as
     * "{@code a + b}": the bins are then of several allocators and say so.
     */
    public SizeClassHistogram merge(SizeClassHistogram o) {
        if (o.isEmpty() && o.allocatorName.isEmpty()) return this;
        if (isEmpty() && allocatorName.isEmpty()) return o;
        java.util.TreeMap<Long, long[]> sums = new java.util.TreeMap<>();
        for (List<Bin> side : List.of(bins, o.bins)) {
            for (Bin b : side) {
                long[] s = sums.computeIfAbsent(b.sizeClassBytes(), k -> new long[2]);
                s[0] += b.allocations();
                s[1] += b.requestedBytes();
            }
        }
        List<Bin> merged = new java.util.ArrayList<>(sums.size());
        sums.forEach((size, s) -> merged.add(new Bin(size, s[0], s[1])));
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String n : (allocatorName + " + " + o.allocatorName).split(" \\+ ")) if (!n.isEmpty()) names.add(n);
        return new SizeClassHistogram(String.join(" + ", names), merged, mergeOwners(owners, o.owners));
    }

    /** Both sides' owners summed by class, kind and name, the top {@link #OWNERS_PER_CLASS} of each class and kind kept. */
    private static List<Owner> mergeOwners(List<Owner> a, List<Owner> b) {
        if (b.isEmpty()) return a;
        if (a.isEmpty()) return b;
        java.util.Map<java.util.List<Object>, Long> sums = new java.util.LinkedHashMap<>();
        for (List<Owner> side : List.of(a, b)) {
            for (Owner w : side) sums.merge(List.of(w.sizeClassBytes(), w.kind(), w.name()), w.allocations(), Long::sum);
        }
        java.util.Map<java.util.List<Object>, List<Owner>> perClass = new java.util.TreeMap<>(
                java.util.Comparator.comparing((java.util.List<Object> k) -> (Long) k.get(0)).thenComparing(k -> (String) k.get(1)));
        sums.forEach((k, n) -> perClass.computeIfAbsent(List.of(k.get(0), k.get(1)), x -> new java.util.ArrayList<>())
                .add(new Owner((Long) k.get(0), (String) k.get(1), (String) k.get(2), n)));
        List<Owner> out = new java.util.ArrayList<>();
        for (List<Owner> g : perClass.values()) {
            g.sort(java.util.Comparator.comparingLong(Owner::allocations).reversed().thenComparing(Owner::name));
            out.addAll(g.subList(0, Math.min(OWNERS_PER_CLASS, g.size())));
        }
        return out;
    }
}
