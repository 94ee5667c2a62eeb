package dev.tpsync.cache;

import java.util.zip.CRC32;

/**
 * The envelope around every stored payload: magic, cache version, payload length and a
 * CRC32 of the payload. A truncated, garbled or foreign entry fails {@link #open} and is
 * recomputed, never trusted.
 */
final class EntryFrame {

    static final int MAGIC = 0x54505346; // "TPSF"

    private EntryFrame() {
    }

    static byte[] wrap(String version, byte[] payload) {
        ByteSink out = new ByteSink(payload.length + version.length() + 16);
        out.writeInt(MAGIC);
        out.writeString(version);
        out.writeInt(payload.length);
        out.writeInt(crc(payload, 0, payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The payload of a frame written by {@code version}; corrupt if anything does not check out. */
    static byte[] open(String version, byte[] frame) throws CorruptCacheException {
        ByteSource in = new ByteSource(frame);
        if (in.readInt() != MAGIC) {
            throw new CorruptCacheException("not a tpsync cache entry");
        }
        String found = in.readString();
        if (!found.equals(version)) {
            throw new CorruptCacheException("cache entry of version " + found + ", expected " + version);
        }
        int length = in.readInt();
        int crc = in.readInt();
        if (length != in.remaining()) {
            throw new CorruptCacheException("entry length " + length + " but " + in.remaining() + " bytes");
        }
        int offset = in.position();
        if (crc(frame, offset, length) != crc) {
            throw new CorruptCacheException("entry checksum mismatch");
        }
        return java.util.Arrays.copyOfRange(frame, offset, offset + length);
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
