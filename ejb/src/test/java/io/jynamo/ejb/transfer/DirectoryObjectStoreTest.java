package io.jynamo.ejb.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store of a server without an S3 endpoint: buckets are folders, and nothing gets out of them. */
class DirectoryObjectStoreTest {
    @TempDir
    Path root;

    @Test
    void objectsAreFilesListedInKeyOrderWithS3sEtag() throws IOException {
        Files.createDirectory(root.resolve("exports"));
        DirectoryObjectStore store = new DirectoryObjectStore(root);
        assertThat(store.bucketExists("exports")).isTrue();
        assertThat(store.bucketExists("other")).isFalse();

        // the ETag S3 gives an object written in one piece: the hex MD5 of its content
        assertThat(store.put("exports", "p/AWSDynamoDB/b.json", "hello".getBytes(StandardCharsets.UTF_8)).etag())
                .isEqualTo("5d41402abc4b2a76b9719d911017c592");
        store.put("exports", "p/AWSDynamoDB/a.json", new byte[0]);
        store.put("exports", "q/c", new byte[] {1, 2});
        assertThat(store.list("exports", "p/")).extracting(ObjectStore.StoredObject::key)
                .containsExactly("p/AWSDynamoDB/a.json", "p/AWSDynamoDB/b.json");
        assertThat(store.list("exports", "")).hasSize(3);
        assertThat(store.firstAfter("exports", "p/", "p/AWSDynamoDB/a.json").key()).isEqualTo("p/AWSDynamoDB/b.json");
        assertThat(store.firstAfter("exports", "p/", "p/AWSDynamoDB/b.json")).isNull();
        try (InputStream in = store.get("exports", "p/AWSDynamoDB/b.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void aMissingBucketOrKeyHasS3sCodeAndNothingLeavesTheBucket() throws IOException {
        Files.createDirectory(root.resolve("exports"));
        DirectoryObjectStore store = new DirectoryObjectStore(root);
        assertThatThrownBy(() -> store.put("missing", "k", new byte[0]))
                .isInstanceOfSatisfying(ObjectStore.StoreException.class, e -> assertThat(e.code())
                        .isEqualTo("NoSuchBucket"));
        assertThatThrownBy(() -> store.get("exports", "none"))
                .isInstanceOfSatisfying(ObjectStore.StoreException.class, e -> assertThat(e.code())
                        .isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> store.put("exports", "../escaped", new byte[0]))
                .isInstanceOf(ObjectStore.StoreException.class);
        assertThatThrownBy(() -> store.get("exports", "a/../../exports/../x"))
                .isInstanceOf(ObjectStore.StoreException.class);
        assertThatThrownBy(() -> store.bucketExists("../" + root.getFileName()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(root.resolve("escaped"))).isFalse();
    }
}
