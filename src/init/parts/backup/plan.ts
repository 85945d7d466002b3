import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { EnvironmentVariable } from "../../types.js";
import type { PartContext, Proposal } from "../types.js";

/** deploy/backup.sh: the dump, the retention and the off-host copy, one script for both targets: compose's backup services and systemd's backup unit run it. */
export function backupScript(context: PartContext): Proposal {
  return {
    path: inProject(context.model.project.root, "deploy/backup.sh"),
    content: template("backup/backup.sh", {}),
    ownership: "generated",
    part: context.targets.includes("compose") ? "compose" : "systemd",
    reason: "pg_dump with retention, and the dumps copied off the host with rclone when BACKUP_REMOTE is set",
  };
}

/** What deploy/backup.sh reads besides PostgreSQL's address: the retention and the off-host copy. */
export const BACKUP_ENVIRONMENT: readonly EnvironmentVariable[] = [
  {
    name: "BACKUP_RETENTION_DAYS",
    required: false,
    secret: false,
    example: "14",
    description: "Days a database dump is kept, on this host and off it.",
  },
  {
    name: "BACKUP_REMOTE",
    required: false,
    secret: false,
    example: "",
    description:
      "Where the dumps are copied off the host: an rclone remote and path (offsite:BUCKET/FOLDER, the remote configured by RCLONE_CONFIG_OFFSITE_*); empty, they stay on this host only.",
  },
  {
    name: "RCLONE_CONFIG_OFFSITE_TYPE",
    required: false,
    secret: false,
    example: "s3",
    description: "The off-host storage's kind, for rclone: s3 (any S3-compatible storage).",
  },
  {
    name: "RCLONE_CONFIG_OFFSITE_PROVIDER",
    required: false,
    secret: false,
    example: "AWS",
    description: "The S3 provider, as rclone names it (AWS, Minio, Scaleway, Wasabi, Other...).",
  },
  {
    name: "RCLONE_CONFIG_OFFSITE_ENDPOINT",
    required: false,
    secret: false,
    example: "",
    description: "The S3 endpoint URL, for providers other than AWS.",
  },
  {
    name: "RCLONE_CONFIG_OFFSITE_ACCESS_KEY_ID",
    required: false,
    secret: true,
    example: "",
    description: "The off-host storage's access key: one allowed to write and delete in that bucket only.",
  },
  {
    name: "RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY",
    required: false,
    secret: true,
    example: "",
    description: "Its secret.",
  },
];
