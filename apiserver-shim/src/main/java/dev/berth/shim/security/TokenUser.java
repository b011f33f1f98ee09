package dev.berth.shim.security;

import java.util.List;

/** Who a bearer token authenticates as: the user name, uid and groups of its token file line. */
public record TokenUser(String name, String uid, List<String> groups) {

    public TokenUser {
        groups = List.copyOf(groups);
    }
}
