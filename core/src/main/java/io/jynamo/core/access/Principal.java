package io.jynamo.core.access;

import io.jynamo.core.auth.Caller;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who asks, from where and when: the global condition keys of every request ({@code aws:username},
 * {@code aws:userid}, {@code aws:PrincipalArn}, {@code aws:SourceIp}, {@code aws:CurrentTime}, ...), as "AWS global
 * condition context keys" gives them for users and for role sessions (which have no {@code aws:username}, and whose
 * {@code aws:PrincipalArn} is the role's).
 *
 * @param region the region the request was signed for ({@code aws:RequestedRegion})
 */
public record Principal(Caller caller, String sourceIp, Instant now, boolean secureTransport, String region) {

    /** The global keys, lower-cased, as policies see them (a fresh map, to add the service's keys to). */
    public Map<String, List<String>> globalKeys() {
        Map<String, List<String>> keys = new HashMap<>();
        if (caller.userName() != null) {
            keys.put("aws:username", List.of(caller.userName()));
        }
        keys.put("aws:userid", List.of(caller.userId()));
        keys.put("aws:principalarn", List.of(caller.principalArn()));
        keys.put("aws:principalaccount", List.of(caller.accountId()));
        keys.put("aws:principaltype", List.of(caller.isUser() ? "User" : "AssumedRole"));
        keys.put("aws:sourceip", List.of(sourceIp));
        keys.put("aws:currenttime", List.of(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        keys.put("aws:epochtime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:securetransport", List.of(Boolean.toString(secureTransport)));
        keys.put("aws:requestedregion", List.of(region));
        return keys;
    }
}
