package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.berth.store.etcd.mvccpb.KeyValue;
import java.io.IOException;

/**
 * What rebuilding the key index needs from a stored KeyValue: its key, creation revision and version, read without
 * copying the value, so that reopening a large store does not pull every value onto the heap. Version 0 marks a
 * tombstone (a put always has version 1 or more).
 */
record StoredKey(ByteString key, long createRevision, long version) {

    private static final int KEY_TAG = tag(KeyValue.KEY_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int CREATE_REVISION_TAG =
            tag(KeyValue.CREATE_REVISION_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int VERSION_TAG = tag(KeyValue.VERSION_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);

    boolean isTombstone() {
        return version == 0;
    }

    /**
     * Reads the fields of a serialized KeyValue that the index needs.
     *
     * @throws InvalidProtocolBufferException if the bytes are not a KeyValue with a key
     */
    static StoredKey parse(byte[] keyValue) throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(keyValue);
        ByteString key = ByteString.EMPTY;
        long createRevision = 0;
        long version = 0;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == KEY_TAG) {
                    key = in.readBytes();
                } else if (tag == CREATE_REVISION_TAG) {
                    createRevision = in.readInt64();
                } else if (tag == VERSION_TAG) {
                    version = in.readInt64();
                } else {
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        if (key.isEmpty()) {
            throw new InvalidProtocolBufferException("stored KeyValue has no key");
        }
        return new StoredKey(key, createRevision, version);
    }

    private static int tag(int fieldNumber, int wireType) {
        return fieldNumber << 3 | wireType;
    }
}
