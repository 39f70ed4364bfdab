package io.jynamo.web;

import io.jynamo.core.access.Principal;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.iam.FormParameters;
import io.jynamo.core.iam.IamException;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.core.iam.StsNames;
import io.jynamo.core.iam.QueryXml;
import io.jynamo.core.iam.SessionPolicies;
import io.jynamo.ejb.security.AuditLog;
import io.jynamo.ejb.security.IamService;
import io.jynamo.ejb.security.IdentityStore;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * IAM and STS on DynamoDB's port, over their Query protocol (form-encoded POST, XML answers), as {@code aws iam},
 * {@code aws sts} and the SDKs' IamClient and StsClient call them with the endpoint pointed here. Which of the two
 * a request is for is the service its signature is scoped to ({@code iam} or {@code sts}; any region, as the SDKs
 * sign with whatever region they are given), else its Version.
 *
 * <p>Each action is authorized as IAM does ({@code iam:CreateUser} on the user's ARN, ...) by the caller's own
 * policies; GetCallerIdentity and GetSessionToken need none, as in STS; AssumeRole is decided by the role's trust
 * policy. Every action allowed (with the error it ended with, if any), and every refusal, goes to the audit log.
 */
@ApplicationScoped
public class IamEndpoint {
    private static final Logger LOG = Logger.getLogger(IamEndpoint.class.getName());
    private static final String IAM_VERSION = "2010-05-08";
    private static final String STS_VERSION = "2011-06-15";
    private static final int DEFAULT_MAX_ITEMS = 100;

    @EJB
    private IamService iam;

    @Inject
    private Authenticator authenticator;

    @Inject
    private Authorizer authorizer;

    @Inject
    private AuditLog audit;

    /** One action: the ARN it is on, how it is authorized, and what it does. */
    private record Action(Resource resource, Check check, Handler handler) { }

    /** How an action is authorized; throws IAM's AccessDenied when it is not. */
    @FunctionalInterface
    private interface Check {
        void check(Principal principal, String requestId, String action, String resource, FormParameters p);
    }

    /** For the STS actions that need no permission. */
    private static final Check NO_CHECK = (principal, requestId, action, resource, p) -> { };

    /** The ARN an action is on, from its parameters. */
    @FunctionalInterface
    private interface Resource {
        String of(Caller caller, FormParameters p);
    }

    @FunctionalInterface
    private interface Handler {
        byte[] run(Principal principal, FormParameters p, String action, String requestId);
    }

    private final Map<String, Action> iamActions = new HashMap<>();
    private final Map<String, Action> stsActions = new HashMap<>();

    @PostConstruct
    void register() {
        iamActions.put("CreateUser", action((c, p) -> userArn(p.get("Path"), p.required("UserName")),
                (pr, p, a, id) -> iamXml(a, id, x -> user(x.start("User"), iam.createUser(p.required("UserName"),
                        p.get("Path"))).end())));
        iamActions.put("GetUser", action(this::namedUser, (pr, p, a, id) -> iamXml(a, id,
                x -> user(x.start("User"), iam.user(pr.caller(), p.get("UserName"))).end())));
        iamActions.put("ListUsers", action((c, p) -> "*", (pr, p, a, id) -> {
            List<IdentityStore.User> users = iam.users(p.get("PathPrefix"));
            return iamXml(a, id, x -> page(x, "Users", users, p, this::user));
        }));
        iamActions.put("DeleteUser", action(this::namedUser, (pr, p, a, id) -> {
            iam.deleteUser(p.required("UserName"));
            return iamXml(a, id, null);
        }));

        iamActions.put("CreateAccessKey", action(this::namedUser, (pr, p, a, id) -> {
            IamService.NewKey k = iam.createAccessKey(pr.caller(), p.get("UserName"));
            return iamXml(a, id, x -> x.start("AccessKey").leaf("UserName", k.user().name())
                    .leaf("AccessKeyId", k.accessKeyId()).leaf("Status", "Active")
                    .leaf("SecretAccessKey", k.secret()).leaf("CreateDate", k.createdAt()).end());
        }));
        iamActions.put("ListAccessKeys", action(this::namedUser, (pr, p, a, id) -> {
            List<IdentityStore.KeySummary> keys = iam.accessKeys(pr.caller(), p.get("UserName"));
            return iamXml(a, id, x -> page(x, "AccessKeyMetadata", keys, p, (w, k) -> w.leaf("UserName", k.userName())
                    .leaf("AccessKeyId", k.id()).leaf("Status", k.active() ? "Active" : "Inactive")
                    .leaf("CreateDate", k.createdAt())));
        }));
        iamActions.put("UpdateAccessKey", action(this::namedUser, (pr, p, a, id) -> {
            iam.updateAccessKey(pr.caller(), p.get("UserName"), p.required("AccessKeyId"), p.required("Status"));
            return iamXml(a, id, null);
        }));
        iamActions.put("DeleteAccessKey", action(this::namedUser, (pr, p, a, id) -> {
            iam.deleteAccessKey(pr.caller(), p.get("UserName"), p.required("AccessKeyId"));
            return iamXml(a, id, null);
        }));
        iamActions.put("GetAccessKeyLastUsed", action((c, p) -> "*", (pr, p, a, id) -> {
            IdentityStore.LastUse use = iam.accessKeyLastUsed(pr.caller(), p.required("AccessKeyId"));
            return iamXml(a, id, x -> x.leaf("UserName", use.user().name()).start("AccessKeyLastUsed")
                    .leaf("LastUsedDate", use.at()).leaf("ServiceName", use.service() == null ? "N/A" : use.service())
                    .leaf("Region", use.region() == null ? "N/A" : use.region()).end());
        }));

        iamActions.put("CreateGroup", action((c, p) -> groupArn(p.get("Path"), p.required("GroupName")),
                (pr, p, a, id) -> iamXml(a, id, x -> group(x.start("Group"), iam.createGroup(p.required("GroupName"),
                        p.get("Path"))).end())));
        iamActions.put("GetGroup", action(this::namedGroup, (pr, p, a, id) -> {
            IdentityStore.Group g = iam.group(p.required("GroupName"));
            List<IdentityStore.User> members = iam.members(g);
            return iamXml(a, id, x -> page(group(x.start("Group"), g).end(), "Users", members, p, this::user));
        }));
        iamActions.put("ListGroups", action((c, p) -> "*", (pr, p, a, id) -> {
            List<IdentityStore.Group> groups = iam.groups(p.get("PathPrefix"));
            return iamXml(a, id, x -> page(x, "Groups", groups, p, this::group));
        }));
        iamActions.put("ListGroupsForUser", action(this::namedUser, (pr, p, a, id) -> {
            List<IdentityStore.Group> groups = iam.groupsForUser(p.required("UserName"));
            return iamXml(a, id, x -> page(x, "Groups", groups, p, this::group));
        }));
        iamActions.put("DeleteGroup", action(this::namedGroup, (pr, p, a, id) -> {
            iam.deleteGroup(p.required("GroupName"));
            return iamXml(a, id, null);
        }));
        iamActions.put("AddUserToGroup", action(this::namedGroup, (pr, p, a, id) -> {
            iam.addUserToGroup(p.required("GroupName"), p.required("UserName"));
            return iamXml(a, id, null);
        }));
        iamActions.put("RemoveUserFromGroup", action(this::namedGroup, (pr, p, a, id) -> {
            iam.removeUserFromGroup(p.required("GroupName"), p.required("UserName"));
            return iamXml(a, id, null);
        }));


        for (PolicyHolder h : PolicyHolder.values()) {
            registerPolicyActions(h);
        }

        iamActions.put("CreatePolicy", action((c, p) -> "arn:aws:iam::" + iam.accountId() + ":policy"
                + (p.get("Path") == null ? "/" : p.get("Path")) + p.required("PolicyName"), (pr, p, a, id) -> {
                    IdentityStore.ManagedPolicy m = iam.createPolicy(p.required("PolicyName"), p.get("Path"),
                            p.required("PolicyDocument"), p.get("Description"));
                    return iamXml(a, id, x -> managed(x.start("Policy"), m, false).end());
                }));
        iamActions.put("GetPolicy", action((c, p) -> p.required("PolicyArn"), (pr, p, a, id) -> {
            IdentityStore.ManagedPolicy m = iam.policy(p.required("PolicyArn"));
            return iamXml(a, id, x -> managed(x.start("Policy"), m, true).strings("Tags", List.of()).end());
        }));
        iamActions.put("GetPolicyVersion", action((c, p) -> p.required("PolicyArn"), (pr, p, a, id) -> {
            String arn = p.required("PolicyArn");
            String version = p.required("VersionId");
            IdentityStore.ManagedPolicy m = iam.policy(arn, "Policy " + arn + " version " + version
                    + " does not exist or is not attachable.");
            if (!version.equals("v1")) {
                throw IamException.noSuchEntity("Policy " + arn + " version " + version
                        + " does not exist or is not attachable.");
            }
            return iamXml(a, id, x -> x.start("PolicyVersion").leaf("Document", QueryXml.encodePolicy(m.document()))
                    .leaf("VersionId", "v1").leaf("IsDefaultVersion", true).leaf("CreateDate", m.createdAt()).end());
        }));
        iamActions.put("ListPolicies", action((c, p) -> "*", (pr, p, a, id) -> {
            List<IdentityStore.ManagedPolicy> list = "AWS".equals(p.get("Scope")) ? List.of()
                    : iam.policies(p.get("PathPrefix"), p.bool("OnlyAttached", false));
            return iamXml(a, id, x -> page(x, "Policies", list, p, (w, m) -> managed(w, m, false)));
        }));
        iamActions.put("DeletePolicy", action((c, p) -> p.required("PolicyArn"), (pr, p, a, id) -> {
            iam.deletePolicy(p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));

        iamActions.put("CreateRole", action((c, p) -> roleArn(p.get("Path"), p.required("RoleName")),
                (pr, p, a, id) -> {
                    IdentityStore.Role r = iam.createRole(p.required("RoleName"), p.get("Path"),
                            p.required("AssumeRolePolicyDocument"), p.get("Description"),
                            p.integer("MaxSessionDuration", 3600, 43_200));
                    // CreateRole's Role has neither MaxSessionDuration nor RoleLastUsed, as IAM's
                    return iamXml(a, id, x -> role(x.start("Role"), r).end());
                }));
        iamActions.put("GetRole", action(this::namedRole, (pr, p, a, id) -> {
            IdentityStore.Role r = iam.role(p.required("RoleName"));
            return iamXml(a, id, x -> {
                role(x.start("Role"), r).leaf("MaxSessionDuration", r.maxSessionSeconds()).start("RoleLastUsed");
                x.leaf("LastUsedDate", r.lastUsedAt()).leaf("Region", r.lastUsedRegion()).end().end();
            });
        }));
        iamActions.put("ListRoles", action((c, p) -> "*", (pr, p, a, id) -> {
            List<IdentityStore.Role> roles = iam.roles(p.get("PathPrefix"));
            return iamXml(a, id, x -> page(x, "Roles", roles, p, (w, r) -> role(w, r)
                    .leaf("MaxSessionDuration", r.maxSessionSeconds())));
        }));
        iamActions.put("UpdateRole", action(this::namedRole, (pr, p, a, id) -> {
            iam.updateRole(p.required("RoleName"), p.get("Description"),
                    p.integer("MaxSessionDuration", 3600, 43_200));
            return iamXml(a, id, null);
        }));
        iamActions.put("UpdateAssumeRolePolicy", action(this::namedRole, (pr, p, a, id) -> {
            iam.updateTrustPolicy(p.required("RoleName"), p.required("PolicyDocument"));
            return iamXml(a, id, null);
        }));
        iamActions.put("DeleteRole", action(this::namedRole, (pr, p, a, id) -> {
            iam.deleteRole(p.required("RoleName"));
            return iamXml(a, id, null);
        }));

        // STS: GetCallerIdentity needs no permission (even an explicit deny does not stop it), nor does
        // GetSessionToken ("no permissions are required for an IAM user to request credentials using
        // GetSessionToken"; the credentials have the user's own permissions)
        stsActions.put("GetCallerIdentity", new Action((c, p) -> "*", NO_CHECK, (pr, p, a, id) -> QueryXml.response(QueryXml.STS, a,
                id, x -> x.leaf("UserId", pr.caller().userId()).leaf("Account", pr.caller().accountId())
                        .leaf("Arn", pr.caller().arn()))));
        stsActions.put("GetSessionToken", new Action((c, p) -> "*", NO_CHECK, (pr, p, a, id) -> {
            Integer seconds = p.integer("DurationSeconds", 900, 129_600);
            IamService.Session s = iam.sessionToken(pr.caller(), Duration.ofSeconds(seconds == null ? 43_200 : seconds));
            return QueryXml.response(QueryXml.STS, a, id, x -> x.start("Credentials").leaf("AccessKeyId",
                    s.accessKeyId()).leaf("SecretAccessKey", s.secret()).leaf("SessionToken", s.token())
                    .leaf("Expiration", s.expires()).end());
        }));
        // AssumeRole: the role's trust policy decides (with the caller's identity policies when it trusts the
        // account only); a role that does not exist cannot trust anyone
        stsActions.put("AssumeRole", new Action((c, p) -> p.required("RoleArn"), this::checkAssumeRole,
                (pr, p, a, id) -> {
                    String policy = p.get("Policy");
                    IdentityStore.Role r = assumedRole(p.required("RoleArn"));
                    IamService.Session s = iam.assumeRole(pr.caller(), r, p.required("RoleSessionName"),
                            p.integer("DurationSeconds", 900, 43_200), policy,
                            iam.sessionPolicyArns(p.list("PolicyArns", "arn")));
                    return QueryXml.response(QueryXml.STS, a, id, x -> {
                        x.start("Credentials").leaf("AccessKeyId", s.accessKeyId()).leaf("SecretAccessKey",
                                s.secret()).leaf("SessionToken", s.token()).leaf("Expiration", s.expires()).end();
                        x.start("AssumedRoleUser").leaf("AssumedRoleId", r.id() + ":" + p.required("RoleSessionName"))
                                .leaf("Arn", "arn:aws:sts::" + iam.accountId() + ":assumed-role/" + r.name() + "/"
                                        + p.required("RoleSessionName")).end();
                        if (policy != null) {
                            x.leaf("PackedPolicySize", SessionPolicies.packedSize(policy));
                        }
                    });
                }));
    }

    /** Users, groups and roles: the entities that hold policies, and how IAM's actions on their policies name them. */
    private enum PolicyHolder {
        USER("User", IdentityStore.Owner.USER), GROUP("Group", IdentityStore.Owner.GROUP),
        ROLE("Role", IdentityStore.Owner.ROLE);

        final String word;
        final IdentityStore.Owner owner;

        PolicyHolder(String word, IdentityStore.Owner owner) {
            this.word = word;
            this.owner = owner;
        }

        /** The request parameter naming the holder: UserName, GroupName, RoleName. */
        String parameter() {
            return word + "Name";
        }
    }

    /**
     * The same seven actions on the inline and attached policies of users, groups and roles: Put/Get/Delete
     * {User,Group,Role}Policy, List…Policies, Attach/Detach…Policy, ListAttached…Policies, each authorized on the
     * holder's ARN.
     */
    private void registerPolicyActions(PolicyHolder h) {
        Resource arn = switch (h) {
            case USER -> this::namedUser;
            case GROUP -> this::namedGroup;
            case ROLE -> this::namedRole;
        };
        iamActions.put("Put" + h.word + "Policy", action(arn, (pr, p, a, id) -> {
            iam.putPolicy(h.owner, p.required(h.parameter()), p.required("PolicyName"), p.required("PolicyDocument"));
            return iamXml(a, id, null);
        }));
        iamActions.put("Get" + h.word + "Policy", action(arn, (pr, p, a, id) -> {
            String doc = iam.policy(h.owner, p.required(h.parameter()), p.required("PolicyName"));
            return iamXml(a, id, x -> x.leaf(h.parameter(), iam.holderName(h.owner, p.required(h.parameter())))
                    .leaf("PolicyName", p.required("PolicyName")).leaf("PolicyDocument", QueryXml.encodePolicy(doc)));
        }));
        iamActions.put("List" + h.word + "Policies", action(arn, (pr, p, a, id) -> {
            List<String> names = iam.policyNames(h.owner, p.required(h.parameter()));
            return iamXml(a, id, x -> pageOfNames(x, names, p));
        }));
        iamActions.put("Delete" + h.word + "Policy", action(arn, (pr, p, a, id) -> {
            iam.deletePolicy(h.owner, p.required(h.parameter()), p.required("PolicyName"));
            return iamXml(a, id, null);
        }));
        iamActions.put("Attach" + h.word + "Policy", action(arn, (pr, p, a, id) -> {
            iam.attachPolicy(h.owner, p.required(h.parameter()), p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("Detach" + h.word + "Policy", action(arn, (pr, p, a, id) -> {
            iam.detachPolicy(h.owner, p.required(h.parameter()), p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("ListAttached" + h.word + "Policies", action(arn, (pr, p, a, id) -> {
            List<IdentityStore.ManagedPolicy> list = iam.attachedPolicies(h.owner, p.required(h.parameter()));
            return iamXml(a, id, x -> page(x, "AttachedPolicies", list, p, this::attachedPolicy));
        }));
    }

    /** Answers a form-encoded POST: an IAM or STS request. */
    void handle(HttpServletRequest request, HttpServletResponse response, RequestBody.Received received)
            throws IOException {
        String requestId = response.getHeader(Responses.REQUEST_ID);
        String service = scopedService(request);
        boolean sts = "sts".equals(service) || (service == null
                && new String(received.content(), java.nio.charset.StandardCharsets.UTF_8).contains("Version=" + STS_VERSION));
        String namespace = sts ? QueryXml.STS : QueryXml.IAM;
        try {
            FormParameters params = FormParameters.parse(received.content());
            Principal principal;
            try {
                principal = authenticator.authenticate(request, received.sha256(), sts ? "sts" : "iam");
            } catch (DynamoException unauthenticated) {
                throw asQueryError(unauthenticated);
            }
            String name = params.required("Action");
            Action action = (sts ? stsActions : iamActions).get(name);
            if (action == null) {
                throw new IamException("InvalidAction", 400, "Could not find operation " + name + " for version "
                        + (params.get("Version") == null ? (sts ? STS_VERSION : IAM_VERSION) : params.get("Version")));
            }
            Caller caller = principal.caller();
            String qualified = (sts ? "sts:" : "iam:") + name;
            String resource = action.resource().of(caller, params);
            action.check().check(principal, requestId, qualified, resource, params);
            // allowed: audited, with the error it ends with if it does
            String error = "ServiceFailure";
            try {
                byte[] xml = action.handler().run(principal, params, name, requestId);
                error = null;
                Responses.send(response, 200, "text/xml", xml);
            } catch (RuntimeException e) {
                IamException iamError = Failures.iamCause(e);
                error = iamError == null ? error : iamError.code();
                throw e;
            } finally {
                audit.append(new AuditLog.Event(principal.now(), requestId, caller.arn(), caller.accessKeyId(),
                        qualified, resource, true, principal.sourceIp(), error));
            }
        } catch (IamException e) {
            Responses.send(response, e.status(), "text/xml", QueryXml.error(namespace, e, requestId));
        } catch (RuntimeException e) {
            IamException iamError = Failures.iamCause(e);
            if (iamError != null) {
                Responses.send(response, iamError.status(), "text/xml", QueryXml.error(namespace, iamError, requestId));
                return;
            }
            LOG.log(Level.SEVERE, "Internal error serving IAM request " + requestId, e);
            Responses.send(response, 500, "text/xml", QueryXml.error(namespace, new IamException("ServiceFailure",
                    500, "Request processing has failed because of an unknown error, exception or failure."),
                    requestId));
        }
    }

    /** An action authorized by the caller's identity policies alone, as IAM's own actions are. */
    private Action action(Resource resource, Handler handler) {
        return new Action(resource, (principal, requestId, action, arn, p) -> authorize(principal, requestId, action,
                arn), handler);
    }

    private void authorize(Principal principal, String requestId, String action, String resource) {
        try {
            authorizer.check(principal, requestId, List.of(new AccessRequest(action, resource, principal.globalKeys(),
                    Set.of())));
        } catch (DynamoException denied) {
            throw IamException.accessDenied(denied.getMessage());
        }
    }

    /**
     * Checks AssumeRole's parameters as STS does (before any permission), then the role's trust: AccessDenied
     * when the role does not exist or its trust policy does not let the caller assume it.
     */
    private void checkAssumeRole(Principal principal, String requestId, String action, String roleArn,
                                 FormParameters p) {
        String sessionName = p.required("RoleSessionName");
        StsNames.sessionName(sessionName);
        p.integer("DurationSeconds", 900, 43_200);
        String externalId = p.get("ExternalId");
        if (externalId != null) {
            StsNames.externalId(externalId);
        }
        if (p.get("Policy") != null) {
            SessionPolicies.check(p.get("Policy"));
        }
        iam.sessionPolicyArns(p.list("PolicyArns", "arn"));
        IdentityStore.Role role = roleOfArn(roleArn);
        PolicyDocument trust;
        try {
            trust = role == null ? null : PolicyDocument.parse(role.trustPolicy(), PolicyDocument.Kind.TRUST);
        } catch (io.jynamo.core.iam.MalformedPolicyException unusable) {
            trust = null;
        }
        Map<String, List<String>> keys = principal.globalKeys();
        keys.put("sts:rolesessionname", List.of(sessionName));
        if (externalId != null) {
            keys.put("sts:externalid", List.of(externalId));
        }
        AccessRequest access = new AccessRequest(action, roleArn, keys, Set.of());
        if (trust == null) {
            // nothing to assume: refused as a role that does not trust the caller is
            authorizer.checkAssumeRole(principal, requestId, access, NO_TRUST);
        } else {
            authorizer.checkAssumeRole(principal, requestId, access, trust);
        }
    }

    /** The trust policy of a role that does not exist: it names no one. */
    private static final PolicyDocument NO_TRUST = new PolicyDocument("2012-10-17", List.of(), true);

    /** The role a RoleArn names, or null when it names none of this account's; ValidationError when it is no ARN. */
    private IdentityStore.Role roleOfArn(String arn) {
        String prefix = "arn:aws:iam::" + iam.accountId() + ":role/";
        if (!arn.matches("arn:[\\w-]+:iam::\\d{12}:role/.+")) {
            throw IamException.validation(arn + " is invalid");
        }
        if (!arn.startsWith(prefix)) {
            return null;
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String path = arn.substring(prefix.length() - 1, arn.lastIndexOf('/') + 1);
        try {
            // an ARN names a role exactly: names are unique regardless of case, but ARNs are compared as written
            IdentityStore.Role role = iam.role(name);
            return role.path().equals(path) && role.name().equals(name) ? role : null;
        } catch (IamException noSuchRole) {
            return null;
        }
    }

    /** The role AssumeRole names, which its check found. */
    private IdentityStore.Role assumedRole(String arn) {
        IdentityStore.Role role = roleOfArn(arn);
        if (role == null) {
            throw IamException.accessDenied("Role " + arn + " is gone");
        }
        return role;
    }

    /** The service a request's signature is scoped to ("iam", "sts", ...), or null when it cannot be told. */
    private static String scopedService(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String credential = null;
        if (header != null) {
            int at = header.indexOf("Credential=");
            if (at >= 0) {
                int end = header.indexOf(',', at);
                credential = header.substring(at + "Credential=".length(), end < 0 ? header.length() : end).strip();
            }
        } else if (request.getQueryString() != null) {
            credential = io.jynamo.core.auth.QueryParameters.parse(request.getQueryString()).first("X-Amz-Credential");
        }
        String[] scope = credential == null ? new String[0] : credential.split("/");
        return scope.length >= 4 ? scope[3] : null;
    }

    /** An authentication failure, in the codes IAM and STS use for them. */
    private static IamException asQueryError(DynamoException e) {
        return switch (e.type()) {
            case MISSING_AUTHENTICATION_TOKEN -> new IamException("MissingAuthenticationToken", 403, e.getMessage());
            case INCOMPLETE_SIGNATURE -> new IamException("IncompleteSignature", 400, e.getMessage());
            case UNRECOGNIZED_CLIENT -> new IamException("InvalidClientTokenId", 403, e.getMessage());
            case EXPIRED_TOKEN -> new IamException("ExpiredToken", 403, e.getMessage());
            default -> new IamException("SignatureDoesNotMatch", 403, e.getMessage());
        };
    }

    // ---- resources ----------------------------------------------------------------------------------------------

    /** The ARN of a user, group or role ({@code kind}) of the account, "/" its path unless given. */
    private String arn(String kind, String path, String name) {
        return "arn:aws:iam::" + iam.accountId() + ":" + kind + (path == null ? "/" : path) + name;
    }

    private String userArn(String path, String name) {
        return arn("user", path, name);
    }

    private String groupArn(String path, String name) {
        return arn("group", path, name);
    }

    private String roleArn(String path, String name) {
        return arn("role", path, name);
    }

    /**
     * The ARN of the user, group or role a request names: that of the one stored, whose name may differ in case from
     * the request's (names are unique regardless of case; policies name ARNs as stored); as the request spells it
     * when there is none (the action then says it does not exist, if it is allowed to look).
     */
    private String named(String kind, String name, java.util.function.Function<String, String[]> pathAndName) {
        try {
            String[] stored = pathAndName.apply(name);
            return arn(kind, stored[0], stored[1]);
        } catch (RuntimeException missing) {
            return arn(kind, "/", name);
        }
    }

    /** The user a request names, or the caller when it names none (which a role session cannot). */
    private String namedUser(Caller caller, FormParameters p) {
        if (p.get("UserName") == null && !caller.isUser()) {
            throw IamException.validation("Must specify userName when calling with non-User credentials");
        }
        return named("user", p.get("UserName") == null ? caller.userName() : p.get("UserName"),
                name -> {
                    IdentityStore.User u = iam.user(caller, name);
                    return new String[] {u.path(), u.name()};
                });
    }

    private String namedGroup(Caller caller, FormParameters p) {
        return named("group", p.required("GroupName"), name -> {
            IdentityStore.Group g = iam.group(name);
            return new String[] {g.path(), g.name()};
        });
    }

    private String namedRole(Caller caller, FormParameters p) {
        return named("role", p.required("RoleName"), name -> {
            IdentityStore.Role r = iam.role(name);
            return new String[] {r.path(), r.name()};
        });
    }

    // ---- XML ------------------------------------------------------------------------------------------------

    private static byte[] iamXml(String action, String requestId, QueryXml.Body body) {
        return QueryXml.response(QueryXml.IAM, action, requestId, body);
    }

    private QueryXml.Writer user(QueryXml.Writer x, IdentityStore.User u) throws javax.xml.stream.XMLStreamException {
        return x.leaf("Path", u.path()).leaf("UserName", u.name()).leaf("UserId", u.id())
                .leaf("Arn", userArn(u.path(), u.name())).leaf("CreateDate", u.createdAt());
    }

    /** A role as CreateRole and ListRoles show it (GetRole adds MaxSessionDuration and RoleLastUsed). */
    private QueryXml.Writer role(QueryXml.Writer x, IdentityStore.Role r) throws javax.xml.stream.XMLStreamException {
        return x.leaf("Path", r.path()).leaf("RoleName", r.name()).leaf("RoleId", r.id())
                .leaf("Arn", roleArn(r.path(), r.name())).leaf("CreateDate", r.createdAt())
                .leaf("AssumeRolePolicyDocument", QueryXml.encodePolicy(r.trustPolicy()))
                .leaf("Description", r.description());
    }

    private QueryXml.Writer group(QueryXml.Writer x, IdentityStore.Group g) throws javax.xml.stream.XMLStreamException {
        return x.leaf("Path", g.path()).leaf("GroupName", g.name()).leaf("GroupId", g.id())
                .leaf("Arn", groupArn(g.path(), g.name())).leaf("CreateDate", g.createdAt());
    }

    private QueryXml.Writer managed(QueryXml.Writer x, IdentityStore.ManagedPolicy m, boolean withDescription)
            throws javax.xml.stream.XMLStreamException {
        x.leaf("PolicyName", m.name()).leaf("PolicyId", m.id()).leaf("Arn", iam.policyArn(m)).leaf("Path", m.path())
                .leaf("DefaultVersionId", "v1").leaf("AttachmentCount", m.attachments())
                .leaf("PermissionsBoundaryUsageCount", 0L).leaf("IsAttachable", true);
        if (withDescription) {
            x.leaf("Description", m.description());
        }
        return x.leaf("CreateDate", m.createdAt()).leaf("UpdateDate", m.updatedAt());
    }

    private void attachedPolicy(QueryXml.Writer x, IdentityStore.ManagedPolicy m)
            throws javax.xml.stream.XMLStreamException {
        x.leaf("PolicyName", m.name()).leaf("PolicyArn", iam.policyArn(m));
    }

    /** A page of a list: MaxItems of them (100 unless given) after the Marker, with IsTruncated and Marker. */
    private static <T> void page(QueryXml.Writer x, String name, List<T> all, FormParameters p, QueryXml.Item<T> item)
            throws javax.xml.stream.XMLStreamException {
        Page<T> page = Page.of(all, p);
        x.list(name, page.items(), item);
        page.writeEnd(x);
    }

    private static void pageOfNames(QueryXml.Writer x, List<String> names, FormParameters p)
            throws javax.xml.stream.XMLStreamException {
        Page<String> page = Page.of(names, p);
        x.strings("PolicyNames", page.items());
        page.writeEnd(x);
    }

    /** One page of a list, and the marker of the next when there is one. */
    private record Page<T>(List<T> items, String next) {
        static <T> Page<T> of(List<T> all, FormParameters p) {
            Integer given = p.integer("MaxItems", 1, 1000);
            int max = given == null ? DEFAULT_MAX_ITEMS : given;
            int from = Math.min(marker(p.get("Marker")), all.size());
            int to = Math.min(from + max, all.size());
            String next = to < all.size() ? java.util.Base64.getEncoder().encodeToString(Integer.toString(to)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)) : null;
            return new Page<>(all.subList(from, to), next);
        }

        void writeEnd(QueryXml.Writer x) throws javax.xml.stream.XMLStreamException {
            x.leaf("IsTruncated", next != null).leaf("Marker", next);
        }
    }

    private static int marker(String marker) {
        if (marker == null) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(java.util.Base64.getDecoder().decode(marker),
                    java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw IamException.validation("Invalid Marker.");
        }
    }
}
