// Writes genuine Spark-style lz4, snappy and lzf event logs with the same Java libraries and the
// same stream classes Spark's CompressionCodec implementations use, so sparkfit's decoders are
// tested against the real formats rather than against an encoder of our own.
//
//   LZ4CompressionCodec    -> net.jpountz.lz4.LZ4BlockOutputStream, spark.io.compression.lz4.blockSize 32k,
//                             fastCompressor, xxhash32 (seed 0x9747b28c) checksum, syncFlush
//   SnappyCompressionCodec -> org.xerial.snappy.SnappyOutputStream, spark.io.compression.snappy.blockSize 32k
//   LZFCompressionCodec    -> com.ning.compress.lzf.LZFOutputStream, finishBlockOnFlush
//
// Usage: java MakeCompressedLogs PLAIN_LOG OUT_PREFIX   (writes OUT_PREFIX.lz4, .snappy, .lzf)
import com.ning.compress.lzf.LZFOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import net.jpountz.lz4.LZ4BlockOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyOutputStream;

public final class MakeCompressedLogs {
  private static final int BLOCK_SIZE = 32 * 1024;

  // Spark's EventLoggingListener writes line by line and flushes after events; writing in
  // lines and flushing now and then makes blocks of the same mixed sizes.
  private static void write(OutputStream out, byte[] log) throws IOException {
    int start = 0;
    int lines = 0;
    for (int i = 0; i < log.length; i++) {
      if (log[i] == '\n') {
        out.write(log, start, i + 1 - start);
        start = i + 1;
        if (++lines % 7 == 0) out.flush();
      }
    }
    out.write(log, start, log.length - start);
    out.close();
  }

  public static void main(String[] args) throws IOException {
    byte[] log = Files.readAllBytes(Paths.get(args[0]));
    String prefix = args[1];
    write(new LZ4BlockOutputStream(new FileOutputStream(prefix + ".lz4"), BLOCK_SIZE,
              LZ4Factory.fastestInstance().fastCompressor(),
              XXHashFactory.fastestInstance().newStreamingHash32(0x9747b28c).asChecksum(), true),
          log);
    write(new SnappyOutputStream(new FileOutputStream(prefix + ".snappy"), BLOCK_SIZE), log);
    write(new LZFOutputStream(new FileOutputStream(prefix + ".lzf")).setFinishBlockOnFlush(true), log);
  }
}
