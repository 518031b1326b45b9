package io.fragscope.source.rdb;

import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbVisitor.BlobKind;
import io.fragscope.source.rdb.RdbVisitor.ElementRole;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an RDB file on two cores: a reader thread runs {@link RdbReader} (file reads, CRC64, LZF, framing and the
 * walk of listpacks, ziplists and intsets) and records its events into batches; the calling thread replays them, in
 * the same order and with the same arguments, into the visitor (aggregation). The visitor therefore sees
 * exactly what {@link RdbReader#read} would give it, on the calling thread, and results are the same byte for byte.
 * The one question the reader asks, {@link RdbVisitor#wantsEntries}, goes to the visitor on the reader's thread. A
 * visitor may also run ahead, on the reader's thread (the pricing), and send objects along the events through a
 * {@link Lane}, so the two threads' shares of the work can be balanced.
 *
 * <p>Bounded: {@link #BATCHES} batches exist, each of at most {@link #EVENTS} events and about {@link #BATCH_BYTES}
 * bytes of key and name copies and of objects sent along a {@link Lane} (a key longer than that travels alone); the
 * reader waits for a free batch, so a slow visitor holds the reader back (back-pressure) and the heap stays flat
 * whatever the file. An error of the reader (an {@link io.fragscope.source.InputException}, end of file, out of
 * memory) travels after the events before it and is thrown on the calling thread once they were replayed, as
 * {@link RdbReader#read} throws it after them. An error of the visitor stops the reader and is thrown as it was.
 */
public final class RdbEventPipe {
    static final int EVENTS = 16_384;
    static final int NUMS = EVENTS * 4;
    static final int BATCHES = 4;
    static final long BATCH_BYTES = 1L << 20;
    /** Longest name copied into a batch's arena; {@link Batch#full} leaves room for one after {@link #BATCH_BYTES}. */
    static final int ARENA_ITEM = 64 << 10;

    private static final RdbVisitor.BlobKind[] BLOB_KINDS = RdbVisitor.BlobKind.values();
    private static final RdbVisitor.ElementRole[] ROLES = RdbVisitor.ElementRole.values();

    private RdbEventPipe() {}

    /**
     * Reads {@code file} into {@code visitor}: on the calling thread alone when {@code threads} is 1, else with the
     * reading on a second thread.
     */
    public static void read(Path file, ReadLimits limits, RdbVisitor visitor, int threads) throws IOException {
        read(file, v -> RdbReader.read(file, limits, v), visitor, threads);
    }

    /** One read of an RDB into a visitor: {@link RdbReader} on a file, or on a stream opened from anywhere. */
    @FunctionalInterface
    public interface ReadCall {
        void read(RdbVisitor visitor) throws IOException;
    }

    /** As {@link #read(Path, ReadLimits, RdbVisitor, int)} for any read of {@code name} (an {@code InputSource}'s stream). */
    public static void read(Path name, ReadCall call, RdbVisitor visitor, int threads) throws IOException {
        if (threads <= 1) {
            call.read(visitor);
            return;
        }
        new Run(name, call, null, null).replayInto(visitor);
    }

    /**
     * As {@link #read(Path, ReadCall, RdbVisitor, int)} with a share of the work moved onto the reader's thread:
     * {@code ahead} sees every event there, before the pipe records it, and what it sends through {@code lane} reaches
     * the lane's receiver on the calling thread, between the events recorded before and after it; {@code behind} gets
     * the events on the calling thread. On one thread, {@code ahead} then {@code behind} get each event, and the lane
     * delivers at once: the same calls in the same order either way. {@code ahead} is, for instance, the pricing of
     * each key, sending its cost to the aggregation behind (the pricing thread was the longer of the two).
     * {@link RdbVisitor#wantsEntries} is asked of both, on the reader's thread.
     */
    public static <T> void read(Path name, ReadCall call, RdbVisitor ahead, Lane<T> lane, RdbVisitor behind, int threads) throws IOException {
        if (threads <= 1) {
            call.read(new TeeVisitor(java.util.List.of(ahead, behind)));
            return;
        }
        new Run(name, call, ahead, lane).replayInto(behind);
    }

    /**
     * Objects a visitor run ahead on the reader's thread hands to the calling thread
     * ({@link #read(Path, ReadCall, RdbVisitor, Lane, RdbVisitor, int)}). One lane serves one read.
     */
    public static final class Lane<T> {
        private final java.util.function.Consumer<? super T> receiver;
        private final java.util.function.ToLongFunction<? super T> bytes;
        /** During a read on two threads, records into the reader's current batch; set before the reader starts. */
        private java.util.function.Consumer<Object> route;

        /**
         * @param receiver called on the calling thread with each object sent, in order
         * @param bytes    about how many bytes of heap an object holds: a batch counts them against
         *                 {@link #BATCH_BYTES} as it counts the names it copies, so the objects in flight stay bounded
         */
        public Lane(java.util.function.Consumer<? super T> receiver, java.util.function.ToLongFunction<? super T> bytes) {
            this.receiver = receiver;
            this.bytes = bytes;
        }

        /** From the visitor run ahead: to the receiver now (one thread), or after the events recorded so far (two). */
        public void send(T item) {
            java.util.function.Consumer<Object> r = route;
            if (r == null) receiver.accept(item);
            else r.accept(item);
        }

        @SuppressWarnings("unchecked")
        void deliver(Object item) { receiver.accept((T) item); }

        @SuppressWarnings("unchecked")
        long bytesOf(Object item) { return bytes.applyAsLong((T) item); }
    }

    /** One batch of recorded events: an op code per event, its numbers and its objects in order. */
    static final class Batch {
        final int[] ops = new int[EVENTS];
        final long[] nums = new long[NUMS];
        final Object[] refs = new Object[EVENTS];
        final byte[] arena = new byte[(int) BATCH_BYTES + ARENA_ITEM];
        int nOps, nNums, nRefs, arenaUsed;
        long bytes;
        /** The last batch: the reader ended, with this failure or none. */
        boolean last;
        Throwable failure;
        // replay cursors
        int rNum, rRef;

        void num(long v) { nums[nNums++] = v; }

        void ref(Object o) { refs[nRefs++] = o; }

        /**
         * Names up to {@link #ARENA_ITEM} bytes are copied into {@link #arena}, so a key costs the reader no object and
         * the batch (old by then) no reference to a young one; a longer name travels as a copy of its own.
         */
        void bytes(byte[] b, int len) {
            if (len <= ARENA_ITEM) {
                System.arraycopy(b, 0, arena, arenaUsed, len);
                nums[nNums++] = arenaUsed;
                arenaUsed += len;
            } else {
                refs[nRefs++] = java.util.Arrays.copyOf(b, len);
                nums[nNums++] = -1;
            }
            nums[nNums++] = len;
            bytes += len + 16;
        }

        /**
         * The next name of the batch, in {@code scratch} (grown as needed; the caller keeps it) or as its own copy.
         * Visitors get a name valid during the call only, as from {@link RdbReader}, which reuses its arrays.
         */
        byte[] nextBytes(byte[][] scratch, int which) {
            int at = (int) next();
            int len = (int) next();
            if (at < 0) return (byte[]) ref();
            byte[] s = scratch[which];
            if (s.length < len) s = scratch[which] = new byte[Math.max(len, s.length * 2)];
            System.arraycopy(arena, at, s, 0, len);
            return s;
        }

        /** The length of the name {@link #nextBytes} just gave (the number it read last). */
        int lastLength() { return (int) nums[rNum - 1]; }

        long next() { return nums[rNum++]; }

        Object ref() { return refs[rRef++]; }

        /**
         * Whether any limit is reached: one comparison, on the sign of the three room counts or'ed together. With one
         * comparison per limit, each one's branch was never taken until the first batch to fill by numbers or by bytes
         * (a large key, late in a file), which made the JIT recompile the reader's loop around it.
         */
        boolean full() { return ((EVENTS - 1L - nOps) | (NUMS - 8L - nNums) | (BATCH_BYTES - 1 - bytes)) < 0; }

        void clear() {
            java.util.Arrays.fill(refs, 0, nRefs, null);
            nOps = nNums = nRefs = rNum = rRef = arenaUsed = 0;
            bytes = 0;
            last = false;
            failure = null;
        }
    }

    /** Thrown in the reader thread when the calling thread gave up (the visitor failed). */
    private static final class Cancelled extends RuntimeException {
        Cancelled() { super(null, null, false, false); }
    }

    private static final class Run {
        private final Path name;
        private final ReadCall call;
        /** Run on the reader's thread before the recorder, with its lane; both null for a plain read. */
        private final RdbVisitor ahead;
        private final Lane<?> lane;
        private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
        private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
        private volatile boolean cancelled;

        Run(Path name, ReadCall call, RdbVisitor ahead, Lane<?> lane) {
            this.name = name;
            this.call = call;
            this.ahead = ahead;
            this.lane = lane;
            for (int i = 0; i < BATCHES; i++) free.add(new Batch());
        }

        void replayInto(RdbVisitor v) throws IOException {
            Recorder rec = new Recorder(v);
            byte[][] scratch = {new byte[64], new byte[64]};
            if (lane != null) lane.route = o -> rec.object(o, lane.bytesOf(o));
            RdbVisitor first = ahead == null ? rec : new TeeVisitor(java.util.List.of(ahead, rec));
            Thread reader = new Thread(() -> {
                Throwable failure = null;
                try {
                    call.read(first);
                } catch (Cancelled c) {
                    return;
                } catch (Throwable t) {
                    failure = t;
                }
                try {
                    rec.finish(failure);
                } catch (Cancelled c) {
                    // the calling thread is gone already
                }
            }, "rdb reader");
            reader.setDaemon(true);
            reader.start();
            boolean done = false;
            try {
                while (true) {
                    Batch b = full.take();
                    replay(b, v, lane, scratch);
                    if (b.last) {
                        done = true;
                        Throwable f = b.failure;
                        if (f == null) return;
                        if (f instanceof IOException e) throw e;
                        if (f instanceof RuntimeException e) throw e;
                        if (f instanceof Error e) throw e;
                        throw new IllegalStateException(f);
                    }
                    b.clear();
                    free.put(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + name);
            } finally {
                if (!done) {
                    cancelled = true;
                    reader.interrupt();
                    full.clear();
                }
                try {
                    reader.join(done ? 0 : 10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private final class Recorder implements RdbVisitor {
            private Batch current;
            /** The visitor the events are replayed into, asked {@link #wantsEntries} from this (the reader's) thread. */
            private final RdbVisitor target;

            Recorder(RdbVisitor target) { this.target = target; }

            private Batch open(int op) {
                Batch b = current;
                if (b == null) b = current = acquire();
                b.ops[b.nOps++] = op;
                return b;
            }

            private void close(Batch b) {
                if (b.full()) {
                    current = null;
                    send(b);
                }
            }

            private Batch acquire() {
                try {
                    while (true) {
                        if (cancelled) throw new Cancelled();
                        Batch b = free.poll(100, TimeUnit.MILLISECONDS);
                        if (b != null) return b;
                    }
                } catch (InterruptedException e) {
                    throw new Cancelled();
                }
            }

            private void send(Batch b) {
                try {
                    while (!full.offer(b, 100, TimeUnit.MILLISECONDS)) if (cancelled) throw new Cancelled();
                } catch (InterruptedException e) {
                    throw new Cancelled();
                }
            }

            void finish(Throwable failure) {
                Batch b = current != null ? current : acquire();
                current = null;
                b.last = true;
                b.failure = failure;
                send(b);
            }

        @Override public void header(int rdbVersion, boolean valkeyMagic) {
            Batch b = open(0);
            b.num(rdbVersion);
            b.num(valkeyMagic ? 1 : 0);
            close(b);
        }

        @Override public void aux(String key, String value) {
            Batch b = open(1);
            b.ref(key);
            b.ref(value);
            close(b);
        }

        @Override public void selectDb(int db) {
            Batch b = open(2);
            b.num(db);
            close(b);
        }

        @Override public void resizeDb(long dbSize, long expiresSize) {
            Batch b = open(3);
            b.num(dbSize);
            b.num(expiresSize);
            close(b);
        }

        @Override public void moduleAux(long moduleId, String moduleName, long bytes) {
            Batch b = open(4);
            b.num(moduleId);
            b.ref(moduleName);
            b.num(bytes);
            close(b);
        }

        @Override public void function(long bytes) {
            Batch b = open(5);
            b.num(bytes);
            close(b);
        }

        @Override public void slotInfo(long slot, long slotSize, long expiresSlotSize) {
            Batch b = open(6);
            b.num(slot);
            b.num(slotSize);
            b.num(expiresSlotSize);
            close(b);
        }

        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
            Batch b = open(7);
            b.num(db);
            b.bytes(key, keyLength);
            b.num(slot);
            b.num(rdbType);
            b.num(declaredLength);
            b.num(expireAtMs);
            b.num(offset);
            close(b);
        }

        @Override public void stringValue(long length, boolean integer, long value) {
            Batch b = open(8);
            b.num(length);
            b.num(integer ? 1 : 0);
            b.num(value);
            close(b);
        }

        @Override public void blob(BlobKind kind, long rawBytes, long entries) {
            Batch b = open(9);
            b.num(kind.ordinal());
            b.num(rawBytes);
            b.num(entries);
            close(b);
        }

        @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) {
            Batch b = open(10);
            b.num(kind.ordinal());
            b.num(rawBytes);
            b.num(entries);
            b.num(container);
            close(b);
        }

        /** The answer is the target's, given on this thread: {@link RdbVisitor#wantsEntries} says what it may read. */
        @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) {
            return target.wantsEntries(rdbType, keyBytes, rawBytes, entries);
        }

        @Override public void entriesCounted(long entries) {
            Batch b = open(39);
            b.num(entries);
            close(b);
        }

        @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {
            Batch b = open(11);
            b.num(role.ordinal());
            b.num(length);
            b.num(integer ? 1 : 0);
            b.num(value);
            b.num(inBlob ? 1 : 0);
            close(b);
        }

        @Override public void score(double score) {
            Batch b = open(12);
            b.num(Double.doubleToRawLongBits(score));
            close(b);
        }

        @Override public void fieldExpire(long expireAtMs) {
            Batch b = open(13);
            b.num(expireAtMs);
            close(b);
        }

        @Override public void streamNode(long nodeKeyBytes, long listpackBytes) {
            Batch b = open(14);
            b.num(nodeKeyBytes);
            b.num(listpackBytes);
            close(b);
        }

        @Override public void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) {
            Batch b = open(15);
            b.num(length);
            b.num(lastIdMs);
            b.num(lastIdSeq);
            b.num(nodes);
            close(b);
        }

        @Override public void streamGroup(long nameBytes, long pendingEntries, long consumers) {
            Batch b = open(16);
            b.num(nameBytes);
            b.num(pendingEntries);
            b.num(consumers);
            close(b);
        }

        @Override public void streamConsumer(long nameBytes, long pendingEntries) {
            Batch b = open(17);
            b.num(nameBytes);
            b.num(pendingEntries);
            close(b);
        }

        @Override public void moduleValue(long moduleId, String moduleName, long bytes) {
            Batch b = open(18);
            b.num(moduleId);
            b.ref(moduleName);
            b.num(bytes);
            close(b);
        }

        @Override public void streamNodeId(long ms, long seq) {
            Batch b = open(19);
            b.num(ms);
            b.num(seq);
            close(b);
        }

        @Override public void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) {
            Batch b = open(20);
            b.bytes(name, nameLength);
            b.num(lastIdMs);
            b.num(lastIdSeq);
            b.num(entriesRead);
            close(b);
        }

        @Override public void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) {
            Batch b = open(21);
            b.num(ms);
            b.num(seq);
            b.num(deliveryTimeMs);
            b.num(deliveryCount);
            close(b);
        }

        @Override public void streamConsumerBegin(byte[] name, int nameLength, long seenTimeMs, long activeTimeMs) {
            Batch b = open(22);
            b.bytes(name, nameLength);
            b.num(seenTimeMs);
            b.num(activeTimeMs);
            close(b);
        }

        @Override public void streamConsumerPendingId(long ms, long seq) {
            Batch b = open(23);
            b.num(ms);
            b.num(seq);
            close(b);
        }

        @Override public void streamIdmp(long durationSeconds, long maxEntries, long producers) {
            Batch b = open(24);
            b.num(durationSeconds);
            b.num(maxEntries);
            b.num(producers);
            close(b);
        }

        @Override public void streamIdmpProducer(byte[] pid, int pidLength, long entries) {
            Batch b = open(25);
            b.bytes(pid, pidLength);
            b.num(entries);
            close(b);
        }

        @Override public void streamIdmpEntry(long iidBytes, long ms, long seq) {
            Batch b = open(26);
            b.num(iidBytes);
            b.num(ms);
            b.num(seq);
            close(b);
        }

        @Override public void streamIdmpEnd(long iidsAdded, long iidsDuplicates) {
            Batch b = open(27);
            b.num(iidsAdded);
            b.num(iidsDuplicates);
            close(b);
        }

        @Override public void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) {
            Batch b = open(28);
            b.num(dimensions);
            b.num(elements);
            b.num(quantization);
            b.num(m);
            b.num(projectionInputDimensions);
            b.num(hasAttributes ? 1 : 0);
            close(b);
        }

        @Override public void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) {
            Batch b = open(29);
            b.num(nameBytes);
            b.num(nameInteger ? 1 : 0);
            b.num(attributeBytes);
            b.num(vectorBytes);
            b.num(nodeId);
            b.num(level);
            close(b);
        }

        @Override public void vectorSetLayer(int layer, long links, long maxLinks) {
            Batch b = open(30);
            b.num(layer);
            b.num(links);
            b.num(maxLinks);
            close(b);
        }

        @Override public void keyMetadata(String className, int version, int flags, long valueBytes) {
            Batch b = open(31);
            b.ref(className);
            b.num(version);
            b.num(flags);
            b.num(valueBytes);
            close(b);
        }

        @Override public void skippedOpcode(int opcode, String name, long offset, long bytes) {
            Batch b = open(32);
            b.num(opcode);
            b.ref(name);
            b.num(offset);
            b.num(bytes);
            close(b);
        }

        @Override public void warning(long offset, String message) {
            Batch b = open(33);
            b.num(offset);
            b.ref(message);
            close(b);
        }

        @Override public void aofTail(long offset, long bytes, long commands, boolean clean) {
            Batch b = open(34);
            b.num(offset);
            b.num(bytes);
            b.num(commands);
            b.num(clean ? 1 : 0);
            close(b);
        }

        @Override public void trailingBytes(long offset, long bytes) {
            Batch b = open(35);
            b.num(offset);
            b.num(bytes);
            close(b);
        }

        @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) {
            Batch b = open(36);
            b.num(endOffset);
            b.num(lruIdleSeconds);
            b.num(lfuFreq);
            close(b);
        }

        /** An object the visitor ahead sent ({@link Lane#send}), holding about {@code bytes} bytes. */
        void object(Object o, long bytes) {
            Batch b = open(40);
            b.ref(o);
            b.bytes += bytes;
            close(b);
        }

        @Override public void longKeyName(KeyName name) {
            Batch b = open(38);
            b.ref(name);
            b.bytes += KeyName.MAX_HELD + 64;
            close(b);
        }

        @Override public void end(long offset, boolean checksumPresent, boolean checksumOk) {
            Batch b = open(37);
            b.num(offset);
            b.num(checksumPresent ? 1 : 0);
            b.num(checksumOk ? 1 : 0);
            close(b);
        }
        }
    }

    private static void replay(Batch b, RdbVisitor v, Lane<?> lane, byte[][] scratch) {
        for (int i = 0; i < b.nOps; i++) {
            switch (b.ops[i]) {
                case 0 -> v.header((int) b.next(), b.next() != 0);
                case 1 -> v.aux((String) b.ref(), (String) b.ref());
                case 2 -> v.selectDb((int) b.next());
                case 3 -> v.resizeDb(b.next(), b.next());
                case 4 -> v.moduleAux(b.next(), (String) b.ref(), b.next());
                case 5 -> v.function(b.next());
                case 6 -> v.slotInfo(b.next(), b.next(), b.next());
                case 7 -> v.beginKey((int) b.next(), b.nextBytes(scratch, 0), b.lastLength(), (int) b.next(), (int) b.next(), b.next(), b.next(), b.next());
                case 8 -> v.stringValue(b.next(), b.next() != 0, b.next());
                case 9 -> v.blob(BLOB_KINDS[(int) b.next()], b.next(), b.next());
                case 10 -> v.quicklistNode(BLOB_KINDS[(int) b.next()], b.next(), b.next(), (int) b.next());
                case 11 -> v.element(ROLES[(int) b.next()], b.next(), b.next() != 0, b.next(), b.next() != 0);
                case 12 -> v.score(Double.longBitsToDouble(b.next()));
                case 13 -> v.fieldExpire(b.next());
                case 14 -> v.streamNode(b.next(), b.next());
                case 15 -> v.streamMeta(b.next(), b.next(), b.next(), b.next());
                case 16 -> v.streamGroup(b.next(), b.next(), b.next());
                case 17 -> v.streamConsumer(b.next(), b.next());
                case 18 -> v.moduleValue(b.next(), (String) b.ref(), b.next());
                case 19 -> v.streamNodeId(b.next(), b.next());
                case 20 -> v.streamGroupBegin(b.nextBytes(scratch, 1), b.lastLength(), b.next(), b.next(), b.next());
                case 21 -> v.streamPendingEntry(b.next(), b.next(), b.next(), b.next());
                case 22 -> v.streamConsumerBegin(b.nextBytes(scratch, 1), b.lastLength(), b.next(), b.next());
                case 23 -> v.streamConsumerPendingId(b.next(), b.next());
                case 24 -> v.streamIdmp(b.next(), b.next(), b.next());
                case 25 -> v.streamIdmpProducer(b.nextBytes(scratch, 1), b.lastLength(), b.next());
                case 26 -> v.streamIdmpEntry(b.next(), b.next(), b.next());
                case 27 -> v.streamIdmpEnd(b.next(), b.next());
                case 28 -> v.vectorSet(b.next(), b.next(), (int) b.next(), (int) b.next(), b.next(), b.next() != 0);
                case 29 -> v.vectorSetNode(b.next(), b.next() != 0, b.next(), b.next(), b.next(), (int) b.next());
                case 30 -> v.vectorSetLayer((int) b.next(), b.next(), b.next());
                case 31 -> v.keyMetadata((String) b.ref(), (int) b.next(), (int) b.next(), b.next());
                case 32 -> v.skippedOpcode((int) b.next(), (String) b.ref(), b.next(), b.next());
                case 33 -> v.warning(b.next(), (String) b.ref());
                case 34 -> v.aofTail(b.next(), b.next(), b.next(), b.next() != 0);
                case 35 -> v.trailingBytes(b.next(), b.next());
                case 36 -> v.endKey(b.next(), b.next(), (int) b.next());
                case 37 -> v.end(b.next(), b.next() != 0, b.next() != 0);
                case 38 -> v.longKeyName((KeyName) b.ref());
                case 39 -> v.entriesCounted(b.next());
                case 40 -> lane.deliver(b.ref());
                default -> throw new IllegalStateException("event " + b.ops[i]);
            }
        }
    }
}
