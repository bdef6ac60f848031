package io.lethe.deploy;

/**
 * A container image reference split into repository name and tag ({@code lethe/trainer-service} and
 * {@code 0.1.0-SNAPSHOT-gpu}), as Kustomize's image transformer and the module checks need it.
 */
record ImageRef(String name, String tag) {

  /**
   * Splits at the tag's colon, not a registry port's ({@code host:5000/lethe/x:1} keeps its host).
   */
  static ImageRef parse(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    if (colon > slash) {
      return new ImageRef(withoutDigest.substring(0, colon), withoutDigest.substring(colon + 1));
    }
    return new ImageRef(withoutDigest, "");
  }
}
