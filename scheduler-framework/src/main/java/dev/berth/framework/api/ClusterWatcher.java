package dev.berth.framework.api;

/** Receives changes of one kind of object (informer-style: adds for what exists, then changes). */
public interface ClusterWatcher<T> {

    void onAdd(T obj);

    void onUpdate(T oldObj, T newObj);

    /** {@code obj} is the last known state of the deleted object. */
    void onDelete(T obj);
}
