package io.jynamo.ejb.security;

import java.security.SecureRandom;

/**
 * New ids and secrets in IAM's forms: a four-letter prefix naming the kind (AIDA user, AGPA group, AROA role, ANPA
 * managed policy, AKIA access key, ASIA temporary key) and upper-case base-32 characters; secrets of 40 base-64
 * characters.
 */
public final class IamIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private IamIds() {
    }

    public static String user() {
        return "AIDA" + random(BASE32, 17);
    }

    public static String group() {
        return "AGPA" + random(BASE32, 17);
    }

    public static String role() {
        return "AROA" + random(BASE32, 17);
    }

    public static String managedPolicy() {
        return "ANPA" + random(BASE32, 17);
    }

    public static String accessKey() {
        return "AKIA" + random(BASE32, 16);
    }

    public static String temporaryAccessKey() {
        return "ASIA" + random(BASE32, 16);
    }

    public static String secret() {
        return random(BASE64, 40);
    }

    /** A session token: long and opaque, as STS's are. */
    public static String sessionToken() {
        return "IQoJb3JpZ2luX2VjE" + random(BASE64, 300);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
