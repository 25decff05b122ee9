package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Snappy pages compressed between reused arrays are byte for byte parquet-java's own, and the arrays go back. */
class SnappyPagesTest {

    private final BufferPool pool = new BufferPool(16L << 20);

    @Test
    void pagesInPartsAndOfEverySizeCompressExactlyAsParquetJavasOwnSnappyCodec() throws IOException {
        CodecFactory parquetCodecs = new CodecFactory(ParquetWriters.listConf(), 64 * 1024);
        BytesInputCompressor parquets = parquetCodecs.getCompressor(CompressionCodecName.SNAPPY);
        SnappyPages ours = new SnappyPages(new ReusedBuffers(pool));
        Random random = new Random(14);

        for (int size : new int[] {0, 1, 100, 5_000, 70_000, 1_100_000, 3_000}) {
            byte[] text = ("title " + size + " ")
                    .repeat(size / 8 + 1)
                    .substring(0, size)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] noise = new byte[size / 3];
            random.nextBytes(noise);
            BytesInput page = BytesInput.concat(
                    BytesInput.fromInt(size), BytesInput.from(text), BytesInput.from(ByteBuffer.wrap(noise)));

            byte[] expected = parquets.compress(page).toByteArray();
            byte[] actual = ours.compress(page).toByteArray();

            assertThat(actual).as("page of %d bytes", page.size()).isEqualTo(expected);
            assertThat(Snappy.uncompress(actual)).isEqualTo(page.toByteArray());
        }
        parquetCodecs.release();
    }

    @Test
    void aPagesRawCopyGoesBackOnceCompressedAndItsCompressedArrayAtTheNextPage() throws IOException {
        SnappyPages pages = new SnappyPages(new ReusedBuffers(pool));
        int raw = ReusedBuffers.sizeClass(200_000);
        int compressed = ReusedBuffers.sizeClass(Snappy.maxCompressedLength(200_000));

        pages.compress(BytesInput.from(new byte[200_000]));
        long afterFirst = pool.idleBytes();
        pages.compress(BytesInput.from(new byte[199_000])); // the same size classes
        long afterSecond = pool.idleBytes();
        pages.release();

        assertThat(afterFirst).isEqualTo(raw);
        assertThat(afterSecond).isEqualTo(raw); // the first page's compressed array reused, none allocated
        assertThat(pool.idleBytes()).isEqualTo((long) raw + compressed);
        assertThat(pages.getCodecName()).isEqualTo(CompressionCodecName.SNAPPY);
    }

    @Test
    void openFilesShareTheRawPageArrayAndKeepTheirCompressedBytesUntilTheirNextPage() throws IOException {
        SnappyPages first = new SnappyPages(new ReusedBuffers(pool));
        SnappyPages second = new SnappyPages(new ReusedBuffers(pool));
        byte[] firstPage = "page of file one ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] secondPage = "page of file two ".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        BytesInput firstCompressed = first.compress(BytesInput.from(firstPage));
        BytesInput secondCompressed = second.compress(BytesInput.from(secondPage));

        assertThat(pool.idleBytes()).isEqualTo(ReusedBuffers.sizeClass(secondPage.length)); // one raw array for both
        assertThat(Snappy.uncompress(firstCompressed.toByteArray())).isEqualTo(firstPage);
        assertThat(Snappy.uncompress(secondCompressed.toByteArray())).isEqualTo(secondPage);
        first.release();
        second.release();
    }
}
