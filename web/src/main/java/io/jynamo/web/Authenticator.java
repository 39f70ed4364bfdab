package io.jynamo.web;

import io.jynamo.core.access.Principal;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.auth.KnownKey;
import io.jynamo.core.auth.QueryParameters;
import io.jynamo.core.auth.SignatureParameters;
import io.jynamo.core.auth.SignatureVerifier;
import io.jynamo.core.auth.SignedRequest;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.security.CredentialDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Who sent a request: its SigV4 signature verified against the keys Jynamo manages, in DynamoDB's order and words
 * ({@link SignatureVerifier}). A credential must be scoped to the service the request is for and to Jynamo's region
 * ({@code JYNAMO_REGION}; {@code JYNAMO_SIGNING_REGIONS} lists others to accept, or {@code *} for any), as DynamoDB
 * accepts only its endpoint's region.
 *
 * <p>{@code JYNAMO_AUTH=off} is for experiments on a laptop: any well-formed signature passes, as the
 * signer's key owner if it is known, else as the administrator. Every start in that mode says so in the log.
 */
@ApplicationScoped
public class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

    @Inject
    private CredentialDirectory directory;

    @Inject
    private ServiceIdentity identity;

    private SignatureVerifier<Caller> verifier;
    private Predicate<String> regionAllowed;
    private boolean verifying;

    @PostConstruct
    void init() {
        verifier = new SignatureVerifier<>(directory);
        String regions = Settings.get("jynamo.signing-regions", "JYNAMO_SIGNING_REGIONS", "");
        if (regions.strip().equals("*")) {
            regionAllowed = region -> true;
        } else {
            Set<String> allowed = new java.util.HashSet<>(List.of(regions.split("\\s*,\\s*")));
            allowed.add(identity.region());
            allowed.remove("");
            regionAllowed = allowed::contains;
        }
        verifying = !"off".equalsIgnoreCase(Settings.get("jynamo.auth", "JYNAMO_AUTH", "on"));
        if (!verifying) {
            LOG.warning("JYNAMO_AUTH=off: signatures are NOT verified and every request may do everything. For local"
                    + " experiments only; never on a network others can reach.");
        }
    }

    /**
     * Who sent a request for {@code service} (as its credential scope must name it), from where, or the DynamoDB
     * error saying why it is refused.
     *
     * @param bodySha256 the SHA-256 of the body as it was sent
     */
    Principal authenticate(HttpServletRequest request, byte[] bodySha256, String service) {
        SignedRequest signed = signedRequest(request, bodySha256);
        QueryParameters query = QueryParameters.parse(signed.rawQuery());
        SignatureParameters parameters = SignatureParameters.of(signed, query);
        Instant now = Instant.now();
        String[] scope = parameters.credential().split("/");
        String region = scope.length > 2 ? scope[2] : identity.region();
        if (!verifying) {
            return new Principal(unverified(parameters), request.getRemoteAddr(), now, request.isSecure(), region);
        }
        // IAM and STS are global: the SDKs sign for them with whatever region they were given
        boolean global = service.equals("iam") || service.equals("sts");
        KnownKey<Caller> key = verifier.verify(signed, query, parameters, service,
                global ? r -> true : regionAllowed, now);
        directory.used(key.owner(), service, region, now);
        return new Principal(key.owner(), request.getRemoteAddr(), now, request.isSecure(), region);
    }

    private Caller unverified(SignatureParameters parameters) {
        String keyId = parameters.credential().split("/")[0];
        KnownKey<Caller> known = directory.key(keyId);
        return known != null ? known.owner() : directory.administrator(keyId);
    }

    private static SignedRequest signedRequest(HttpServletRequest request, byte[] bodySha256) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            // the container matches names regardless of case: each name's values once
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    n -> new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return new SignedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers,
                bodySha256);
    }
}
