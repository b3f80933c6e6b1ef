package org.clipsynergy.backbone.mini;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock of a backbones folder while a zoo is built into it, held through {@link
 * FileChannel#tryLock()} on {@value #FILE} in that folder (as the feature cache locks an entry).
 *
 * <p>The operating system releases the lock when its process ends, however it ends, so a killed
 * build never leaves the folder locked; the file itself stays (deleting a lock file races with its
 * next user). While held, the file names the holder ({@code pid@host} and since when), which a
 * waiting build reports. Within one JVM a second holder is refused the same way.
 */
final class ZooLock implements AutoCloseable {

    /** The lock file's name in the backbones folder. */
    static final String FILE = ".train-zoo.lock";

    /** How often a waiting build tries the lock again. */
    static final Duration POLL = Duration.ofMillis(200);

    /** How often a waiting build logs that it still waits. */
    static final Duration REPORT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ZooLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private ZooLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a backbones folder, waiting while another build holds it.
     *
     * @param backbones the backbones folder, created if missing
     * @param wait how long to wait at most; {@link Duration#ZERO} to try once
     * @return the held lock; close it to release
     * @throws IOException if the lock file cannot be opened, or another build still holds the lock
     *     after {@code wait} (the message names the folder, the holder and the lock file)
     * @throws InterruptedIOException if the thread is interrupted while waiting
     */
    static ZooLock acquire(Path backbones, Duration wait) throws IOException {
        Files.createDirectories(backbones);
        Path file = backbones.resolve(FILE);
        FileChannel channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        try {
            long start = System.nanoTime();
            long lastReport = start;
            boolean reported = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    writeHolder(channel);
                    if (reported) {
                        LOG.info(
                                "{}: zoo lock taken after waiting {}; checking which members the"
                                        + " other run built",
                                backbones,
                                seconds(System.nanoTime() - start));
                    }
                    return new ZooLock(channel, lock);
                }
                long waited = System.nanoTime() - start;
                if (waited >= wait.toNanos()) {
                    throw new IOException(
                            backbones
                                    + ": another train-zoo run is building the zoo here ("
                                    + holder(file)
                                    + "; lock file "
                                    + file
                                    + "); waited "
                                    + seconds(waited)
                                    + "; run again when it has finished");
                }
                if (!reported || System.nanoTime() - lastReport >= REPORT.toNanos()) {
                    LOG.info(
                            "{}: another train-zoo run is building the zoo here ({}); waiting up"
                                    + " to {} for it to finish",
                            backbones,
                            holder(file),
                            seconds(wait.toNanos()));
                    reported = true;
                    lastReport = System.nanoTime();
                }
                try {
                    long left = Math.max(1, (wait.toNanos() - waited) / 1_000_000);
                    Thread.sleep(Math.min(POLL.toMillis(), left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(
                            backbones + ": interrupted while waiting for the zoo lock " + file);
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the lock; the lock file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM
        }
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        String holder =
                "pid@host "
                        + ManagementFactory.getRuntimeMXBean().getName()
                        + " since "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
    }
}
