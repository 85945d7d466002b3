/** An image reference split into name, tag and digest: ghcr.io/me/app:1.0@sha256:… */
export interface ImageReference {
  readonly image: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/** name[:tag][@digest]; a registry port (localhost:5000/app) is not a tag. */
export function splitImageReference(reference: string): ImageReference {
  const [withTag = "", digest = null] = reference.split("@");
  const slash = withTag.lastIndexOf("/");
  const colon = withTag.lastIndexOf(":");
  return colon > slash ? { image: withTag.slice(0, colon), tag: withTag.slice(colon + 1), digest } : { image: withTag, tag: null, digest };
}
