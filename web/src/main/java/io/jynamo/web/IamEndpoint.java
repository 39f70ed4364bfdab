package io.jynamo.web;

import io.jynamo.core.access.Principal;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.iam.FormParameters;
import io.jynamo.core.iam.IamException;
import io.jynamo.core.iam.QueryXml;
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
 * policies; GetCallerIdentity needs none, as in STS. Every action that changes something, and every refusal, goes to
 * the audit log.
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

    /** One action: what it is authorized on, whether it changes anything, what it does. */
    private record Action(Resource resource, boolean changes, Handler handler) { }

    /** The ARN an action is on, from its parameters. */
    @FunctionalInterface
    private interface Resource {
        String of(Caller caller, FormParameters p);
    }

    @FunctionalInterface
    private interface Handler {
        byte[] run(Caller caller, FormParameters p, String action, String requestId);
    }

    private final Map<String, Action> iamActions = new HashMap<>();
    private final Map<String, Action> stsActions = new HashMap<>();

    @PostConstruct
    void register() {
        iamActions.put("CreateUser", new Action((c, p) -> userArn(p.get("Path"), p.required("UserName")), true,
                (c, p, a, id) -> iamXml(a, id, x -> user(x.start("User"), iam.createUser(p.required("UserName"),
                        p.get("Path"))).end())));
        iamActions.put("GetUser", new Action(this::namedUser, false, (c, p, a, id) -> iamXml(a, id,
                x -> user(x.start("User"), iam.user(c, p.get("UserName"))).end())));
        iamActions.put("ListUsers", new Action((c, p) -> "*", false, (c, p, a, id) -> {
            List<IdentityStore.User> users = iam.users(p.get("PathPrefix"));
            return iamXml(a, id, x -> page(x, "Users", users, p, this::user));
        }));
        iamActions.put("DeleteUser", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.deleteUser(p.required("UserName"));
            return iamXml(a, id, null);
        }));

        iamActions.put("CreateAccessKey", new Action(this::namedUser, true, (c, p, a, id) -> {
            IamService.NewKey k = iam.createAccessKey(c, p.get("UserName"));
            return iamXml(a, id, x -> x.start("AccessKey").leaf("UserName", k.user().name())
                    .leaf("AccessKeyId", k.accessKeyId()).leaf("Status", "Active")
                    .leaf("SecretAccessKey", k.secret()).leaf("CreateDate", k.createdAt()).end());
        }));
        iamActions.put("ListAccessKeys", new Action(this::namedUser, false, (c, p, a, id) -> {
            List<IdentityStore.KeySummary> keys = iam.accessKeys(c, p.get("UserName"));
            return iamXml(a, id, x -> page(x, "AccessKeyMetadata", keys, p, (w, k) -> w.leaf("UserName", k.userName())
                    .leaf("AccessKeyId", k.id()).leaf("Status", k.active() ? "Active" : "Inactive")
                    .leaf("CreateDate", k.createdAt())));
        }));
        iamActions.put("UpdateAccessKey", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.updateAccessKey(c, p.get("UserName"), p.required("AccessKeyId"), p.required("Status"));
            return iamXml(a, id, null);
        }));
        iamActions.put("DeleteAccessKey", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.deleteAccessKey(c, p.get("UserName"), p.required("AccessKeyId"));
            return iamXml(a, id, null);
        }));
        iamActions.put("GetAccessKeyLastUsed", new Action((c, p) -> "*", false, (c, p, a, id) -> {
            IdentityStore.LastUse use = iam.accessKeyLastUsed(c, p.required("AccessKeyId"));
            return iamXml(a, id, x -> x.leaf("UserName", use.user().name()).start("AccessKeyLastUsed")
                    .leaf("LastUsedDate", use.at()).leaf("ServiceName", use.service() == null ? "N/A" : use.service())
                    .leaf("Region", use.region() == null ? "N/A" : use.region()).end());
        }));

        iamActions.put("CreateGroup", new Action((c, p) -> groupArn(p.get("Path"), p.required("GroupName")), true,
                (c, p, a, id) -> iamXml(a, id, x -> group(x.start("Group"), iam.createGroup(p.required("GroupName"),
                        p.get("Path"))).end())));
        iamActions.put("GetGroup", new Action(this::namedGroup, false, (c, p, a, id) -> {
            IdentityStore.Group g = iam.group(p.required("GroupName"));
            List<IdentityStore.User> members = iam.members(g);
            return iamXml(a, id, x -> page(group(x.start("Group"), g).end(), "Users", members, p, this::user));
        }));
        iamActions.put("ListGroups", new Action((c, p) -> "*", false, (c, p, a, id) -> {
            List<IdentityStore.Group> groups = iam.groups(p.get("PathPrefix"));
            return iamXml(a, id, x -> page(x, "Groups", groups, p, this::group));
        }));
        iamActions.put("ListGroupsForUser", new Action(this::namedUser, false, (c, p, a, id) -> {
            List<IdentityStore.Group> groups = iam.groupsForUser(p.required("UserName"));
            return iamXml(a, id, x -> page(x, "Groups", groups, p, this::group));
        }));
        iamActions.put("DeleteGroup", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.deleteGroup(p.required("GroupName"));
            return iamXml(a, id, null);
        }));
        iamActions.put("AddUserToGroup", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.addUserToGroup(p.required("GroupName"), p.required("UserName"));
            return iamXml(a, id, null);
        }));
        iamActions.put("RemoveUserFromGroup", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.removeUserFromGroup(p.required("GroupName"), p.required("UserName"));
            return iamXml(a, id, null);
        }));

        iamActions.put("PutUserPolicy", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.putUserPolicy(p.required("UserName"), p.required("PolicyName"), p.required("PolicyDocument"));
            return iamXml(a, id, null);
        }));
        iamActions.put("GetUserPolicy", new Action(this::namedUser, false, (c, p, a, id) -> {
            String doc = iam.userPolicy(p.required("UserName"), p.required("PolicyName"));
            return iamXml(a, id, x -> x.leaf("UserName", iam.user(c, p.required("UserName")).name())
                    .leaf("PolicyName", p.required("PolicyName")).leaf("PolicyDocument", QueryXml.encodePolicy(doc)));
        }));
        iamActions.put("ListUserPolicies", new Action(this::namedUser, false, (c, p, a, id) -> {
            List<String> names = iam.userPolicyNames(p.required("UserName"));
            return iamXml(a, id, x -> pageOfNames(x, names, p));
        }));
        iamActions.put("DeleteUserPolicy", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.deleteUserPolicy(p.required("UserName"), p.required("PolicyName"));
            return iamXml(a, id, null);
        }));
        iamActions.put("PutGroupPolicy", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.putGroupPolicy(p.required("GroupName"), p.required("PolicyName"), p.required("PolicyDocument"));
            return iamXml(a, id, null);
        }));
        iamActions.put("GetGroupPolicy", new Action(this::namedGroup, false, (c, p, a, id) -> {
            String doc = iam.groupPolicy(p.required("GroupName"), p.required("PolicyName"));
            return iamXml(a, id, x -> x.leaf("GroupName", iam.group(p.required("GroupName")).name())
                    .leaf("PolicyName", p.required("PolicyName")).leaf("PolicyDocument", QueryXml.encodePolicy(doc)));
        }));
        iamActions.put("ListGroupPolicies", new Action(this::namedGroup, false, (c, p, a, id) -> {
            List<String> names = iam.groupPolicyNames(p.required("GroupName"));
            return iamXml(a, id, x -> pageOfNames(x, names, p));
        }));
        iamActions.put("DeleteGroupPolicy", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.deleteGroupPolicy(p.required("GroupName"), p.required("PolicyName"));
            return iamXml(a, id, null);
        }));

        iamActions.put("CreatePolicy", new Action((c, p) -> "arn:aws:iam::" + iam.accountId() + ":policy"
                + (p.get("Path") == null ? "/" : p.get("Path")) + p.required("PolicyName"), true, (c, p, a, id) -> {
                    IdentityStore.ManagedPolicy m = iam.createPolicy(p.required("PolicyName"), p.get("Path"),
                            p.required("PolicyDocument"), p.get("Description"));
                    return iamXml(a, id, x -> managed(x.start("Policy"), m, false).end());
                }));
        iamActions.put("GetPolicy", new Action((c, p) -> p.required("PolicyArn"), false, (c, p, a, id) -> {
            IdentityStore.ManagedPolicy m = iam.policy(p.required("PolicyArn"));
            return iamXml(a, id, x -> managed(x.start("Policy"), m, true).strings("Tags", List.of()).end());
        }));
        iamActions.put("GetPolicyVersion", new Action((c, p) -> p.required("PolicyArn"), false, (c, p, a, id) -> {
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
        iamActions.put("ListPolicies", new Action((c, p) -> "*", false, (c, p, a, id) -> {
            List<IdentityStore.ManagedPolicy> list = "AWS".equals(p.get("Scope")) ? List.of()
                    : iam.policies(p.get("PathPrefix"), p.bool("OnlyAttached", false));
            return iamXml(a, id, x -> page(x, "Policies", list, p, (w, m) -> managed(w, m, false)));
        }));
        iamActions.put("DeletePolicy", new Action((c, p) -> p.required("PolicyArn"), true, (c, p, a, id) -> {
            iam.deletePolicy(p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("AttachUserPolicy", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.attachUserPolicy(p.required("UserName"), p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("DetachUserPolicy", new Action(this::namedUser, true, (c, p, a, id) -> {
            iam.detachUserPolicy(p.required("UserName"), p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("ListAttachedUserPolicies", new Action(this::namedUser, false, (c, p, a, id) -> {
            List<IdentityStore.ManagedPolicy> list = iam.attachedUserPolicies(p.required("UserName"));
            return iamXml(a, id, x -> page(x, "AttachedPolicies", list, p, this::attachedPolicy));
        }));
        iamActions.put("AttachGroupPolicy", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.attachGroupPolicy(p.required("GroupName"), p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("DetachGroupPolicy", new Action(this::namedGroup, true, (c, p, a, id) -> {
            iam.detachGroupPolicy(p.required("GroupName"), p.required("PolicyArn"));
            return iamXml(a, id, null);
        }));
        iamActions.put("ListAttachedGroupPolicies", new Action(this::namedGroup, false, (c, p, a, id) -> {
            List<IdentityStore.ManagedPolicy> list = iam.attachedGroupPolicies(p.required("GroupName"));
            return iamXml(a, id, x -> page(x, "AttachedPolicies", list, p, this::attachedPolicy));
        }));

        // STS: GetCallerIdentity needs no permission (even an explicit deny does not stop it), nor does
        // GetSessionToken ("no permissions are required for an IAM user to request credentials using
        // GetSessionToken"; the credentials have the user's own permissions)
        stsActions.put("GetCallerIdentity", new Action(null, false, (c, p, a, id) -> QueryXml.response(QueryXml.STS, a,
                id, x -> x.leaf("Arn", c.arn()).leaf("UserId", c.userId()).leaf("Account", c.accountId()))));
        stsActions.put("GetSessionToken", new Action(null, true, (c, p, a, id) -> {
            Integer seconds = p.integer("DurationSeconds", 900, 129_600);
            IamService.Session s = iam.sessionToken(c, Duration.ofSeconds(seconds == null ? 43_200 : seconds));
            return QueryXml.response(QueryXml.STS, a, id, x -> x.start("Credentials").leaf("AccessKeyId",
                    s.accessKeyId()).leaf("SecretAccessKey", s.secret()).leaf("SessionToken", s.token())
                    .leaf("Expiration", s.expires()).end());
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
            String resource = action.resource() == null ? null : action.resource().of(caller, params);
            if (resource != null) {
                authorize(principal, requestId, qualified, resource);
            }
            byte[] xml = action.handler().run(caller, params, name, requestId);
            if (action.changes()) {
                audit.append(new AuditLog.Event(principal.now(), requestId, caller.arn(), caller.accessKeyId(),
                        qualified, resource == null ? "*" : resource, true, principal.sourceIp()));
            }
            Responses.send(response, 200, "text/xml", xml);
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

    private void authorize(Principal principal, String requestId, String action, String resource) {
        try {
            authorizer.check(principal, requestId, List.of(new AccessRequest(action, resource, principal.globalKeys(),
                    Set.of())));
        } catch (DynamoException denied) {
            throw IamException.accessDenied(denied.getMessage());
        }
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

    private String userArn(String path, String name) {
        return "arn:aws:iam::" + iam.accountId() + ":user" + (path == null ? "/" : path) + name;
    }

    private String groupArn(String path, String name) {
        return "arn:aws:iam::" + iam.accountId() + ":group" + (path == null ? "/" : path) + name;
    }

    /** The ARN of the user a request names (the caller when it names none), with its path when it exists. */
    private String namedUser(Caller caller, FormParameters p) {
        String name = p.get("UserName") == null ? caller.userName() : p.get("UserName");
        try {
            return userArn(iam.user(caller, name).path(), name);
        } catch (RuntimeException missing) {
            return userArn("/", name);
        }
    }

    private String namedGroup(Caller caller, FormParameters p) {
        String name = p.required("GroupName");
        try {
            return groupArn(iam.group(name).path(), name);
        } catch (RuntimeException missing) {
            return groupArn("/", name);
        }
    }

    // ---- XML ------------------------------------------------------------------------------------------------

    private static byte[] iamXml(String action, String requestId, QueryXml.Body body) {
        return QueryXml.response(QueryXml.IAM, action, requestId, body);
    }

    private QueryXml.Writer user(QueryXml.Writer x, IdentityStore.User u) throws javax.xml.stream.XMLStreamException {
        return x.leaf("Path", u.path()).leaf("UserName", u.name()).leaf("UserId", u.id())
                .leaf("Arn", userArn(u.path(), u.name())).leaf("CreateDate", u.createdAt());
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
