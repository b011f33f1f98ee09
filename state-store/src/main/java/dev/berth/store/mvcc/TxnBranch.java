package dev.berth.store.mvcc;

import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The branch a txn takes, decided before any of its ops runs: as in etcd, the compares of the txn and of every
 * txn nested in the branch taken are all evaluated against the store as the txn starts, not after the ops before
 * them.
 *
 * @param succeeded whether the compares held (then the success ops run, else the failure ops)
 * @param ops the ops that run
 * @param nested the branches of the txns among {@code ops}, in order
 */
record TxnBranch(boolean succeeded, List<RequestOp> ops, List<TxnBranch> nested) {

    static TxnBranch plan(ReadView view, TxnRequest request) {
        boolean succeeded = Compares.allHold(view, request.getCompareList());
        List<RequestOp> ops = succeeded ? request.getSuccessList() : request.getFailureList();
        List<TxnBranch> nested = new ArrayList<>();
        for (RequestOp op : ops) {
            if (op.hasRequestTxn()) {
                nested.add(plan(view, op.getRequestTxn()));
            }
        }
        return new TxnBranch(succeeded, ops, nested);
    }
}
