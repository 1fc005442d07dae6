import pg from "pg";

/** The tables a copy writes, in the order their rows depend on each other. */
const COPIED = ["contact", "conversation", "conversation_tag", "message"] as const;

/** How far back each copy lies: copy k is between k and k + 1 weeks older than the loaded data set. */
const COPY_DAYS = 7;

/**
 * Makes a loaded data set `copies` times as large, fast: each copy is every contact, conversation,
 * tag and message of the set again, with new time-ordered ids, its own contacts' addresses and
 * conversation numbers, and a week further in the past (each conversation shifted by its own
 * amount, its messages with it). The rows are the ones the services wrote, so every column holds
 * what the API would have put there; the views' counts follow through their triggers, and the
 * messages keep their search vectors. The copied tables' secondary indexes are dropped while
 * copying and built again after, as a bulk load does. Events are not copied: nothing on the read
 * path reads them.
 */
export async function multiplyDataset(url: string, copies: number, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const seconds = () => String(Math.round((Date.now() - started) / 1000));
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    // A copy's id: the seed row's UUIDv7 with its time moved to `t` and its other bits kept, so ids
    // sort by time as the server's do and rows of one millisecond keep the seed's order (the
    // copies' time ranges never overlap, so neither do their ids).
    await client.query(`CREATE FUNCTION pg_temp.uuid_at(id uuid, t timestamptz) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(overlay(uuid_send(id) PLACING substring(int8send(floor(extract(epoch FROM t) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 'hex')::uuid $$`);
    for (const table of COPIED) await client.query(`CREATE TEMP TABLE seed_${table} AS SELECT * FROM ${table}`);
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [COPIED],
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    try {
      await copyAll(client, copies, log, seconds);
    } catch (err) {
      await client.query("ROLLBACK"); // the failed copy's transaction
      throw err;
    } finally {
      // Built again even when a copy failed: a database without them would measure nothing real.
      for (const index of indexes) await client.query(index.definition);
      log(`  built ${String(indexes.length)} indexes again (${seconds()} s)`);
    }
    // The next conversation a customer opens takes the number after the copies'.
    await client.query(`SELECT setval('conversation_number_' || replace(w.id::text, '-', ''), (SELECT max(number) FROM conversation WHERE workspace_id = w.id))
      FROM workspace w WHERE EXISTS (SELECT 1 FROM conversation WHERE workspace_id = w.id)`);
  } finally {
    await client.end();
  }
}

/** Writes the copies, each in a transaction of its own. */
async function copyAll(client: pg.Client, copies: number, log: (line: string) => void, seconds: () => string): Promise<void> {
  const [seedNumbers] = (await client.query<{ top: number }>("SELECT coalesce(max(number), 0) AS top FROM seed_conversation")).rows;
  const stride = seedNumbers?.top ?? 0;
  for (let k = 1; k <= copies; k++) {
    await client.query("BEGIN");
    // Each contact's and conversation's copy: its new id, and how far back it lies (its messages with it).
    for (const table of ["contact", "conversation"]) {
      await client.query(`CREATE TEMP TABLE ${table}_map ON COMMIT DROP AS
        SELECT id AS old_id, pg_temp.uuid_at(id, created_at - shift) AS new_id, shift
        FROM (SELECT id, created_at, (${String(k * COPY_DAYS)} + random() * ${String(COPY_DAYS)}) * interval '1 day' AS shift FROM seed_${table}) s`);
    }
    await client.query(`INSERT INTO contact (id, workspace_id, name, email, unverified_email, phone, company, custom_attributes, notes, created_at, updated_at)
      SELECT m.new_id, c.workspace_id, c.name, CASE WHEN c.email IS NULL THEN NULL ELSE 'copy${String(k)}.' || c.email END, c.unverified_email,
        c.phone, c.company, c.custom_attributes, c.notes, c.created_at - m.shift, c.updated_at - m.shift
      FROM seed_contact c JOIN contact_map m ON m.old_id = c.id`);
    // Snoozed conversations keep their wake-up time, so that no copy wakes up at once.
    await client.query(`INSERT INTO conversation (id, workspace_id, number, inbox_id, contact_id, subject, status, priority, assignee_id, team_id,
        snoozed_until, last_activity_at, last_message_preview, last_message_direction, last_message_kind, last_message_at, waiting_since,
        first_response_at, resolved_at, created_at, updated_at)
      SELECT m.new_id, c.workspace_id, c.number + ${String(k * stride)}, c.inbox_id, cm.new_id, c.subject, c.status, c.priority, c.assignee_id, c.team_id,
        c.snoozed_until, c.last_activity_at - m.shift, c.last_message_preview, c.last_message_direction, c.last_message_kind, c.last_message_at - m.shift,
        c.waiting_since - m.shift, c.first_response_at - m.shift, c.resolved_at - m.shift, c.created_at - m.shift, c.updated_at - m.shift
      FROM seed_conversation c JOIN conversation_map m ON m.old_id = c.id JOIN contact_map cm ON cm.old_id = c.contact_id`);
    await client.query(`INSERT INTO conversation_tag (workspace_id, conversation_id, tag_id)
      SELECT t.workspace_id, m.new_id, t.tag_id FROM seed_conversation_tag t JOIN conversation_map m ON m.old_id = t.conversation_id`);
    await client.query(`INSERT INTO message (id, workspace_id, conversation_id, direction, kind, sender_type, sender_agent_id, sender_contact_id, body,
        activity, email, delivery_status, delivery_error, external_id, client_id, buttons, search_vector, created_at)
      SELECT pg_temp.uuid_at(x.id, x.created_at - m.shift), x.workspace_id, m.new_id, x.direction, x.kind, x.sender_type, x.sender_agent_id, cm.new_id, x.body,
        x.activity, x.email, x.delivery_status, x.delivery_error, x.external_id, x.client_id, x.buttons, x.search_vector, x.created_at - m.shift
      FROM seed_message x JOIN conversation_map m ON m.old_id = x.conversation_id LEFT JOIN contact_map cm ON cm.old_id = x.sender_contact_id`);
    await client.query("COMMIT");
    if (k % 10 === 0 || k === copies) log(`  copied the data set ${String(k)} times (${seconds()} s)`);
  }
}
