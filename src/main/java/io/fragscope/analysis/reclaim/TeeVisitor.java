package io.fragscope.analysis.reclaim;

import io.fragscope.source.rdb.RdbVisitor;

import java.util.List;

/** Hands every event of one RDB pass to several visitors, in the order given, so one read feeds several models. */
public final class TeeVisitor implements RdbVisitor {
    private final RdbVisitor[] to;

    public TeeVisitor(List<? extends RdbVisitor> visitors) { this.to = visitors.toArray(new RdbVisitor[0]); }

    @Override public void header(int v) { for (RdbVisitor x : to) x.header(v); }
    @Override public void aux(String k, String v) { for (RdbVisitor x : to) x.aux(k, v); }
    @Override public void selectDb(int db) { for (RdbVisitor x : to) x.selectDb(db); }
    @Override public void resizeDb(long a, long b) { for (RdbVisitor x : to) x.resizeDb(a, b); }
    @Override public void moduleAux(long id, String name, long bytes) { for (RdbVisitor x : to) x.moduleAux(id, name, bytes); }
    @Override public void function(long bytes) { for (RdbVisitor x : to) x.function(bytes); }
    @Override public void slotInfo(long s, long a, long b) { for (RdbVisitor x : to) x.slotInfo(s, a, b); }
    @Override public void beginKey(int db, byte[] key, int len, int t, long d, long e, long o) { for (RdbVisitor x : to) x.beginKey(db, key, len, t, d, e, o); }
    @Override public void stringValue(long length, boolean integer, long value) { for (RdbVisitor x : to) x.stringValue(length, integer, value); }
    @Override public void blob(BlobKind kind, long raw, long entries) { for (RdbVisitor x : to) x.blob(kind, raw, entries); }
    @Override public void quicklistNode(BlobKind kind, long raw, long entries, int c) { for (RdbVisitor x : to) x.quicklistNode(kind, raw, entries, c); }
    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { for (RdbVisitor x : to) x.element(role, length, integer, value, inBlob); }
    @Override public void score(double s) { for (RdbVisitor x : to) x.score(s); }
    @Override public void fieldExpire(long at) { for (RdbVisitor x : to) x.fieldExpire(at); }
    @Override public void streamNode(long k, long lp) { for (RdbVisitor x : to) x.streamNode(k, lp); }
    @Override public void streamMeta(long length, long ms, long seq, long nodes) { for (RdbVisitor x : to) x.streamMeta(length, ms, seq, nodes); }
    @Override public void streamGroup(long n, long pel, long consumers) { for (RdbVisitor x : to) x.streamGroup(n, pel, consumers); }
    @Override public void streamConsumer(long n, long pel) { for (RdbVisitor x : to) x.streamConsumer(n, pel); }
    @Override public void moduleValue(long id, String name, long bytes) { for (RdbVisitor x : to) x.moduleValue(id, name, bytes); }
    @Override public void endKey(long end, long lru, int lfu) { for (RdbVisitor x : to) x.endKey(end, lru, lfu); }
    @Override public void end(long offset, boolean present, boolean ok) { for (RdbVisitor x : to) x.end(offset, present, ok); }
}
