package io.fragscope.source.listing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static io.fragscope.source.listing.ListingFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ListingSnifferTest {

    private static Optional<ListingFormat> sniff(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        return ListingSniffer.sniff(java.util.Arrays.copyOf(all, Math.min(all.length, ListingSniffer.HEAD_BYTES)));
    }

    private static Optional<ListingFormat> sniff(String text) {
        return ListingSniffer.sniff(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void recognisesEachToolByContentNotName() throws IOException {
        assertEquals(Optional.of(ListingFormat.RDB_TOOLS), sniff(fixture("rdbtools-memory.csv")));
        assertEquals(Optional.of(ListingFormat.RDB_CLI), sniff(fixture("rdbcli-mem.csv")));
        assertEquals(Optional.of(ListingFormat.HDT3213), sniff(fixture("hdt3213-memory.csv")));
        assertEquals(Optional.of(ListingFormat.HDT3213), sniff(fixture("hdt3213-memory-v1.csv")));
        assertEquals(Optional.of(ListingFormat.GENERIC), sniff(fixture("scan-memory-usage.tsv")));
        assertEquals(Optional.of(ListingFormat.GENERIC), sniff(fixture("scan-memory-usage.csv")));
        assertEquals(Optional.of(ListingFormat.KEYS_CSV), sniff(Path.of("../shared/groundtruth/7.4.1-jemalloc/keys.csv")));
    }

    @Test
    void olderRdbToolsHeaderWithoutExpiryIsRdbTools() {
        assertEquals(Optional.of(ListingFormat.RDB_TOOLS),
                sniff("database,type,key,size_in_bytes,encoding,num_elements,len_largest_element\n0,string,a,96,string,8,8\n"));
    }

    @Test
    void headerOnlyFileIsStillRecognised() {
        assertEquals(Optional.of(ListingFormat.GENERIC), sniff("key,memory_usage"));
    }

    @Test
    void rejectsRdbInfoAndKeysWithoutSizes() throws IOException {
        assertEquals(Optional.empty(), sniff(Path.of("../shared/groundtruth/7.2.6-jemalloc/dump.rdb")));
        assertEquals(Optional.empty(), sniff(Path.of("../shared/groundtruth/7.2.6-jemalloc/info-reloaded.txt")));
        assertEquals(Optional.empty(), sniff(Path.of("../shared/groundtruth/7.2.6-jemalloc/keys-hex.csv")));
        assertEquals(Optional.empty(), sniff("key,type\na,string\n"));
        assertEquals(Optional.empty(), sniff(""));
    }

    @Test
    void noNewlineInAFullHeadIsNotAListing() {
        byte[] head = new byte[ListingSniffer.HEAD_BYTES];
        java.util.Arrays.fill(head, (byte) 'k');
        System.arraycopy("key,bytes".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 9);
        assertEquals(Optional.empty(), ListingSniffer.sniff(head));
    }
}
