package io.jynamo.ejb.security;

import io.jynamo.core.auth.Caller;
import io.jynamo.core.auth.Hashing;
import io.jynamo.core.iam.IamException;
import io.jynamo.core.iam.IamNames;
import io.jynamo.core.iam.MalformedPolicyException;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.storage.StorageException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The IAM and STS actions Jynamo serves, each in one transaction, with IAM's rules and messages (those recorded
 * against AWS by LocalStack's validated snapshots): names unique regardless of case, two keys per user, a user or
 * group deleted only once nothing is attached to it, policy documents checked as IAM checks them and within its
 * size quotas. Caches of other nodes see a change within {@link CredentialDirectory#FRESH}; this node's at once.
 */
@Stateless
public class IamService {
    /** Keys a user may have, active or not. */
    static final int KEYS_PER_USER = 2;
    /** The size quotas of inline policies, all of a user's or group's together, white space not counted. */
    static final int USER_INLINE_BYTES = 2048;
    static final int GROUP_INLINE_BYTES = 5120;
    static final int MANAGED_BYTES = 6144;
    static final int ROLE_INLINE_BYTES = 10_240;
    /** "Role trust policy length": ACLSizePerRole. */
    static final int TRUST_POLICY_BYTES = 2048;
    /** AssumeRole's PolicyArns: "You can provide up to 10 managed policy ARNs". */
    static final int MANAGED_SESSION_POLICIES = 10;
    static final int ATTACHED_PER_ENTITY = 10;
    /** Role sessions assumed with another role session's credentials last an hour at most. */
    static final Duration CHAINED_SESSION_MAX = Duration.ofHours(1);
    static final int GROUPS_PER_USER = 10;

    @Inject
    private IdentityStore store;

    @Inject
    private CredentialDirectory directory;

    @Inject
    private CallerPolicies policies;

    @Inject
    private ServiceIdentity identity;

    /** A key just made: the only time its secret is seen. */
    public record NewKey(IdentityStore.User user, String accessKeyId, String secret, Instant createdAt) {
        @Override
        public String toString() {
            return "NewKey[" + accessKeyId + "]";
        }
    }

    /** Temporary credentials just issued. */
    public record Session(String accessKeyId, String secret, String token, Instant expires) {
        @Override
        public String toString() {
            return "Session[" + accessKeyId + "]";
        }
    }

    public String accountId() {
        return identity.accountId();
    }

    // ---- users ------------------------------------------------------------------------------------------------

    public IdentityStore.User createUser(String name, String path) {
        IamNames.user(name);
        String p = IamNames.path(path);
        if (store.userByName(name).isPresent()) {
            throw IamException.alreadyExists("User with name " + name + " already exists.");
        }
        try {
            return store.createUser(IamIds.user(), name, p, Instant.now());
        } catch (StorageException e) {
            throw duplicateOr(e, "User with name " + name + " already exists.");
        }
    }

    /** The user of that name, or the caller's own when no name is given (a role session has none). */
    public IdentityStore.User user(Caller caller, String name) {
        if (name == null && !caller.isUser()) {
            throw IamException.validation("Must specify userName when calling with non-User credentials");
        }
        return store.userByName(name == null ? caller.userName() : name).orElseThrow(() -> IamException.noSuchUser(
                name == null ? caller.userName() : name));
    }

    public List<IdentityStore.User> users(String pathPrefix) {
        return store.users(pathPrefix);
    }

    public void deleteUser(String name) {
        IdentityStore.User user = user(null, name);
        if (BootstrapAdministrator.NAME.equalsIgnoreCase(user.name())) {
            throw IamException.deleteConflict("Cannot delete entity, the bootstrap administrator is configured.");
        }
        String conflict = store.userDeleteConflict(user.id());
        if (conflict != null) {
            throw IamException.deleteConflict(conflict);
        }
        store.deleteUser(user.id());
        policies.forget(user.id());
    }

    // ---- access keys ------------------------------------------------------------------------------------------

    public NewKey createAccessKey(Caller caller, String userName) {
        IdentityStore.User user = user(caller, userName);
        if (store.keys(user).size() >= KEYS_PER_USER) {
            throw IamException.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
        }
        String id = IamIds.accessKey();
        String secret = IamIds.secret();
        Instant now = Instant.now();
        store.addKey(user.id(), id, secret, now);
        return new NewKey(user, id, secret, now);
    }

    public List<IdentityStore.KeySummary> accessKeys(Caller caller, String userName) {
        return store.keys(user(caller, userName));
    }

    public void updateAccessKey(Caller caller, String userName, String accessKeyId, String status) {
        if (!"Active".equals(status) && !"Inactive".equals(status)) {
            throw IamException.validation("1 validation error detected: Value '" + status + "' at 'status' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]");
        }
        ownKey(caller, userName, accessKeyId);
        store.setKeyStatus(accessKeyId, status.equals("Active"));
        directory.forget(accessKeyId);
    }

    public void deleteAccessKey(Caller caller, String userName, String accessKeyId) {
        ownKey(caller, userName, accessKeyId);
        store.deleteKey(accessKeyId);
        directory.forget(accessKeyId);
    }

    /** The key, checked to be the user's (the caller's own when no user is named). */
    private void ownKey(Caller caller, String userName, String accessKeyId) {
        IdentityStore.User user = user(caller, userName);
        if (store.keys(user).stream().noneMatch(k -> k.id().equals(accessKeyId))) {
            throw IamException.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
        }
    }

    public IdentityStore.LastUse accessKeyLastUsed(Caller caller, String accessKeyId) {
        return store.lastUse(accessKeyId).orElseThrow(() -> IamException.accessDenied("User: " + caller.arn()
                + " is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key " + accessKeyId));
    }

    // ---- groups -----------------------------------------------------------------------------------------------

    public IdentityStore.Group createGroup(String name, String path) {
        IamNames.group(name);
        String p = IamNames.path(path);
        if (store.groupByName(name).isPresent()) {
            throw IamException.alreadyExists("Group with name " + name + " already exists.");
        }
        try {
            return store.createGroup(IamIds.group(), name, p, Instant.now());
        } catch (StorageException e) {
            throw duplicateOr(e, "Group with name " + name + " already exists.");
        }
    }

    public IdentityStore.Group group(String name) {
        return store.groupByName(name).orElseThrow(() -> IamException.noSuchGroup(name));
    }

    public List<IdentityStore.User> members(IdentityStore.Group group) {
        return store.members(group.id());
    }

    public List<IdentityStore.Group> groups(String pathPrefix) {
        return store.groups(pathPrefix);
    }

    public List<IdentityStore.Group> groupsForUser(String userName) {
        return store.groupsOf(user(null, userName).id());
    }

    public void deleteGroup(String name) {
        IdentityStore.Group group = group(name);
        String conflict = store.groupDeleteConflict(group.id());
        if (conflict != null) {
            throw IamException.deleteConflict(conflict);
        }
        store.deleteGroup(group.id());
    }

    /** Idempotent, as IAM's is; the user is checked before the group. */
    public void addUserToGroup(String groupName, String userName) {
        IdentityStore.User user = user(null, userName);
        IdentityStore.Group group = group(groupName);
        if (store.groupsOf(user.id()).stream().noneMatch(g -> g.id().equals(group.id()))
                && store.groupsOf(user.id()).size() >= GROUPS_PER_USER) {
            throw IamException.limitExceeded("Cannot exceed quota for GroupsPerUser: " + GROUPS_PER_USER);
        }
        store.addMember(group.id(), user.id());
        policies.forget(user.id());
    }

    /** Succeeds for a user who is not a member too, as IAM's does. */
    public void removeUserFromGroup(String groupName, String userName) {
        IdentityStore.User user = user(null, userName);
        IdentityStore.Group group = group(groupName);
        store.removeMember(group.id(), user.id());
        policies.forget(user.id());
    }

    // ---- policies of users, groups and roles ---------------------------------------------------------------

    /**
     * The user, group or role of that name that a policy action names: its id, how IAM's messages name it, and
     * which cached policies its change makes stale (a user's or role's own; a group's reach all its members).
     */
    private record Holder(IdentityStore.Owner owner, String id, String name, Runnable forget) {
        String kind() {
            return owner.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Holder holder(IdentityStore.Owner owner, String name) {
        return switch (owner) {
            case USER -> {
                IdentityStore.User u = user(null, name);
                yield new Holder(owner, u.id(), u.name(), () -> policies.forget(u.id()));
            }
            case GROUP -> {
                IdentityStore.Group g = group(name);
                yield new Holder(owner, g.id(), g.name(), policies::forgetAll);
            }
            case ROLE -> {
                IdentityStore.Role r = role(name);
                yield new Holder(owner, r.id(), r.name(), () -> policies.forget(r.id()));
            }
        };
    }

    /** The name of the user, group or role, as stored (IAM's answers spell it so, whatever case was asked). */
    public String holderName(IdentityStore.Owner owner, String name) {
        return holder(owner, name).name();
    }

    /** The size quota of all inline policies of one user, group or role together, white space not counted. */
    private static int inlineQuota(IdentityStore.Owner owner) {
        return switch (owner) {
            case USER -> USER_INLINE_BYTES;
            case GROUP -> GROUP_INLINE_BYTES;
            case ROLE -> ROLE_INLINE_BYTES;
        };
    }

    /** PutUserPolicy, PutGroupPolicy, PutRolePolicy. */
    public void putPolicy(IdentityStore.Owner owner, String holderName, String policyName, String document) {
        Holder h = holder(owner, holderName);
        IamNames.policy(policyName);
        checked(document, PolicyDocument.Kind.INLINE);
        Map<String, String> existing = store.policies(owner, h.id());
        existing.put(policyName, document);
        int quota = inlineQuota(owner);
        if (existing.values().stream().mapToInt(IamService::sizeWithoutSpace).sum() > quota) {
            throw IamException.limitExceeded("Maximum policy size of " + quota + " bytes exceeded for " + h.kind() + " "
                    + h.name());
        }
        store.putPolicy(owner, h.id(), policyName, document);
        h.forget().run();
    }

    public String policy(IdentityStore.Owner owner, String holderName, String policyName) {
        Holder h = holder(owner, holderName);
        return store.policy(owner, h.id(), policyName).orElseThrow(() -> noSuchPolicy(h, policyName));
    }

    public List<String> policyNames(IdentityStore.Owner owner, String holderName) {
        return List.copyOf(store.policies(owner, holder(owner, holderName).id()).keySet());
    }

    public void deletePolicy(IdentityStore.Owner owner, String holderName, String policyName) {
        Holder h = holder(owner, holderName);
        if (!store.deletePolicy(owner, h.id(), policyName)) {
            throw noSuchPolicy(h, policyName);
        }
        h.forget().run();
    }

    private static IamException noSuchPolicy(Holder h, String policyName) {
        return IamException.noSuchEntity("The " + h.kind() + " policy with name " + policyName + " cannot be found.");
    }

    /** AttachUserPolicy, AttachGroupPolicy, AttachRolePolicy: at most ten managed policies each. */
    public void attachPolicy(IdentityStore.Owner owner, String holderName, String arn) {
        Holder h = holder(owner, holderName);
        IdentityStore.ManagedPolicy p = policy(arn, "Policy " + arn + " does not exist or is not attachable.");
        List<IdentityStore.ManagedPolicy> attached = store.attached(owner, h.id());
        if (attached.stream().noneMatch(a -> a.id().equals(p.id())) && attached.size() >= ATTACHED_PER_ENTITY) {
            String quota = "PoliciesPer" + Character.toUpperCase(h.kind().charAt(0)) + h.kind().substring(1);
            throw IamException.limitExceeded("Cannot exceed quota for " + quota + ": " + ATTACHED_PER_ENTITY);
        }
        store.attach(owner, h.id(), p.id());
        h.forget().run();
    }

    public void detachPolicy(IdentityStore.Owner owner, String holderName, String arn) {
        Holder h = holder(owner, holderName);
        IdentityStore.ManagedPolicy p = policy(arn);
        if (!store.detach(owner, h.id(), p.id())) {
            throw IamException.noSuchEntity("Policy " + arn + " was not found.");
        }
        h.forget().run();
    }

    public List<IdentityStore.ManagedPolicy> attachedPolicies(IdentityStore.Owner owner, String holderName) {
        return store.attached(owner, holder(owner, holderName).id());
    }

    // ---- managed policies -------------------------------------------------------------------------------------

    public IdentityStore.ManagedPolicy createPolicy(String name, String path, String document, String description) {
        IamNames.policy(name);
        String p = IamNames.path(path);
        checked(document, PolicyDocument.Kind.MANAGED);
        if (sizeWithoutSpace(document) > MANAGED_BYTES) {
            throw IamException.limitExceeded("Cannot exceed quota for PolicySize: " + MANAGED_BYTES);
        }
        String taken = "A policy called " + name + " already exists. Duplicate names are not allowed.";
        if (store.managedByName(name).isPresent()) {
            throw IamException.alreadyExists(taken);
        }
        try {
            return store.createManaged(IamIds.managedPolicy(), name, p, description, document, Instant.now());
        } catch (StorageException e) {
            throw duplicateOr(e, taken);
        }
    }

    public String policyArn(IdentityStore.ManagedPolicy p) {
        return "arn:aws:iam::" + identity.accountId() + ":policy" + p.path() + p.name();
    }

    /** The managed policy an ARN names; NoSuchEntity with {@code missing}'s message when there is none. */
    public IdentityStore.ManagedPolicy policy(String arn, String missing) {
        if (arn == null || !arn.startsWith("arn:") || arn.split(":", 6).length < 6) {
            throw IamException.validation("Invalid ARN:  Could not be parsed!");
        }
        return store.managedByArn(identity.accountId(), arn).orElseThrow(() -> IamException.noSuchEntity(missing));
    }

    public IdentityStore.ManagedPolicy policy(String arn) {
        return policy(arn, "Policy " + arn + " was not found.");
    }

    public List<IdentityStore.ManagedPolicy> policies(String pathPrefix, boolean onlyAttached) {
        return store.managedPolicies(pathPrefix).stream().filter(p -> !onlyAttached || p.attachments() > 0).toList();
    }

    public void deletePolicy(String arn) {
        IdentityStore.ManagedPolicy p = policy(arn);
        if (p.attachments() > 0) {
            throw IamException.deleteConflict("Cannot delete a policy attached to entities.");
        }
        store.deleteManaged(p.id());
    }

    // ---- roles ------------------------------------------------------------------------------------------------

    public IdentityStore.Role createRole(String name, String path, String trustPolicy, String description,
                                         Integer maxSessionSeconds) {
        IamNames.role(name);
        String p = IamNames.path(path);
        checkDescription(description);
        checkTrustPolicy(trustPolicy);
        String taken = "Role with name " + name + " already exists.";
        if (store.roleByName(name).isPresent()) {
            throw IamException.alreadyExists(taken);
        }
        try {
            return store.createRole(IamIds.role(), name, p, trustPolicy, description,
                    maxSessionSeconds == null ? 3600 : maxSessionSeconds, Instant.now());
        } catch (StorageException e) {
            throw duplicateOr(e, taken);
        }
    }

    public IdentityStore.Role role(String name) {
        return store.roleByName(name).orElseThrow(() -> IamException.noSuchRole(name));
    }

    public List<IdentityStore.Role> roles(String pathPrefix) {
        return store.roles(pathPrefix);
    }

    public void updateRole(String name, String description, Integer maxSessionSeconds) {
        checkDescription(description);
        store.updateRole(role(name).id(), description, maxSessionSeconds);
    }

    public void updateTrustPolicy(String name, String document) {
        IdentityStore.Role role = role(name);
        checkTrustPolicy(document);
        store.setTrustPolicy(role.id(), document);
    }

    public void deleteRole(String name) {
        IdentityStore.Role role = role(name);
        String conflict = store.roleDeleteConflict(role.id());
        if (conflict != null) {
            throw IamException.deleteConflict(conflict);
        }
        store.deleteRole(role.id());
        policies.forget(role.id());
    }

    public String roleArn(IdentityStore.Role role) {
        return "arn:aws:iam::" + identity.accountId() + ":role" + role.path() + role.name();
    }

    /**
     * A trust policy as IAM checks one: its grammar ({@link PolicyDocument.Kind#TRUST}), its size (ACLSizePerRole,
     * white space not counted), and that the users and roles of this account it names exist (IAM resolves them to
     * their ids, so naming one that does not exist is an invalid principal).
     */
    private void checkTrustPolicy(String document) {
        PolicyDocument trust = checked(document, PolicyDocument.Kind.TRUST);
        if (sizeWithoutSpace(document) > TRUST_POLICY_BYTES) {
            throw IamException.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_BYTES);
        }
        String missing = firstMissingPrincipal(trust);
        if (missing != null) {
            throw IamException.malformedPolicy("Invalid principal in policy: \"AWS\":\"" + missing + "\"");
        }
    }

    /** The first user or role ARN of this account that a resource-based policy names but that does not exist. */
    public String firstMissingPrincipal(PolicyDocument policy) {
        String prefix = "arn:aws:iam::" + identity.accountId() + ":";
        for (io.jynamo.core.iam.Statement s : policy.statements()) {
            for (String p : s.principals().aws()) {
                if (!p.startsWith(prefix)) {
                    continue;
                }
                String rest = p.substring(prefix.length());
                String name = rest.substring(rest.lastIndexOf('/') + 1);
                String path = rest.contains("/") ? rest.substring(rest.indexOf('/'), rest.lastIndexOf('/') + 1) : "";
                // as stored, to the letter: the evaluator compares ARNs as written
                boolean exists = rest.equals("root")
                        || (rest.startsWith("user/") && store.userByName(name)
                                .filter(u -> u.path().equals(path) && u.name().equals(name)).isPresent())
                        || (rest.startsWith("role/") && store.roleByName(name)
                                .filter(r -> r.path().equals(path) && r.name().equals(name)).isPresent());
                if (!exists) {
                    return p;
                }
            }
        }
        return null;
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > 1000) {
            throw IamException.validation("1 validation error detected: Value '" + description + "' at 'description' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 1000");
        }
    }

    // ---- STS --------------------------------------------------------------------------------------------------

    /** Temporary credentials for the caller, which must sign with a long-term key, as STS requires. */
    public Session sessionToken(Caller caller, Duration duration) {
        if (caller.temporary()) {
            throw IamException.accessDenied("Cannot call GetSessionToken with session credentials");
        }
        String id = IamIds.temporaryAccessKey();
        String secret = IamIds.secret();
        String token = IamIds.sessionToken();
        Instant expires = Instant.now().plus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        store.addSession(Hashing.sha256(token.getBytes(StandardCharsets.UTF_8)), id, secret, caller.id(), null, null,
                null, List.of(), false, expires);
        return new Session(id, secret, token, expires);
    }

    /**
     * Credentials of a new session of a role, which the caller was allowed to assume (by the role's trust policy,
     * checked before): for the duration asked (an hour unless given), within the role's maximum and, when a role
     * session assumes it (role chaining), within an hour.
     *
     * @param sessionPolicy     the inline session policy bounding the session, already checked; null if none
     * @param sessionPolicyArns the managed session policies, already checked ({@link #sessionPolicyArns})
     */
    public Session assumeRole(Caller caller, IdentityStore.Role role, String sessionName, Integer durationSeconds,
                              String sessionPolicy, List<String> sessionPolicyArns) {
        boolean chained = !caller.isUser();
        if (durationSeconds != null && chained && durationSeconds > CHAINED_SESSION_MAX.toSeconds()) {
            throw IamException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles "
                    + "assumed by role chaining.");
        }
        if (durationSeconds != null && durationSeconds > role.maxSessionSeconds()) {
            throw IamException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this "
                    + "role.");
        }
        String id = IamIds.temporaryAccessKey();
        String secret = IamIds.secret();
        String token = IamIds.sessionToken();
        Instant expires = Instant.now().plusSeconds(durationSeconds == null ? 3600 : durationSeconds)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        store.addSession(Hashing.sha256(token.getBytes(StandardCharsets.UTF_8)), id, secret, null, role.id(),
                sessionName, sessionPolicy, sessionPolicyArns, chained, expires);
        return new Session(id, secret, token, expires);
    }

    /**
     * AssumeRole's PolicyArns: at most ten managed policies of the account, which must exist (IAM's message for one
     * that does not).
     */
    public List<String> sessionPolicyArns(List<String> arns) {
        if (arns.size() > MANAGED_SESSION_POLICIES) {
            throw IamException.validation("1 validation error detected: Value at 'policyArns' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MANAGED_SESSION_POLICIES);
        }
        for (String arn : arns) {
            policy(arn, "Policy " + arn + " does not exist or is not attachable.");
        }
        return List.copyOf(arns);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static PolicyDocument checked(String document, PolicyDocument.Kind kind) {
        try {
            return PolicyDocument.parse(document, kind);
        } catch (MalformedPolicyException e) {
            throw IamException.malformedPolicy(e.getMessage());
        }
    }

    private static int sizeWithoutSpace(String document) {
        return document.replaceAll("\\s", "").getBytes(StandardCharsets.UTF_8).length;
    }

    /** Two nodes creating the same name at once: the unique index has the last word. */
    private static RuntimeException duplicateOr(StorageException e, String message) {
        return "23505".equals(e.sqlState()) ? IamException.alreadyExists(message) : e;
    }
}
