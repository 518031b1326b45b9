package io.fragscope.analysis.cost;

import io.fragscope.source.rdb.RdbVisitor.ElementRole;

import java.util.Arrays;

/**
 * The elements of one collection held while its encoding still depends on elements to come (a set is an intset only
 * if every member is an integer; a hash stays a listpack only while no value is over the threshold): per element its
 * length, its integer value and integer-ness, whether a TTL followed it (a hash field), and its role. Grows to
 * {@code cap} elements, then refuses, and the collection is taken for a hashtable/skiplist. Reused key after key.
 */
final class ElementBuffer {
    private final int cap;
    long[] len = new long[256], val = new long[256];
    boolean[] integer = new boolean[256], ttl = new boolean[256];
    byte[] role = new byte[256];
    int count;
    /** Index of the last hash field added, which a field TTL that follows applies to. */
    int lastField;

    ElementBuffer(int cap) { this.cap = cap; }

    /** @return false when full: the element was not added */
    boolean add(ElementRole r, long length, boolean isInteger, long value) {
        if (count == cap) return false;
        if (count == len.length) {
            int n = Math.min(cap, count * 2);
            len = Arrays.copyOf(len, n);
            val = Arrays.copyOf(val, n);
            integer = Arrays.copyOf(integer, n);
            ttl = Arrays.copyOf(ttl, n);
            role = Arrays.copyOf(role, n);
        }
        len[count] = length;
        val[count] = value;
        integer[count] = isInteger;
        ttl[count] = false;
        if (r == ElementRole.HASH_FIELD) lastField = count;
        role[count] = (byte) r.ordinal();
        count++;
        return true;
    }

    boolean is(int i, ElementRole r) { return role[i] == r.ordinal(); }
}
