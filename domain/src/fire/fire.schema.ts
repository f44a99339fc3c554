/** The forest-fire module's shapes: registry, ingestion, incidents, mask zones, device health, forwarding, statistics. */
import '../shared/zod-locale';
import { z } from 'zod';
import { CITY_BOUNDS } from './fire-geo.rules';
import { DEVICE_ALERT_KINDS, FALSE_ALARM_LABEL_CODES, INCIDENT_STATUSES } from './fire.rules';

const iso = (label: string) => z.iso.datetime({ offset: true, error: `${label}必须是带时区的 ISO 时间` });
const lng = (label: string) =>
  z
    .number({ error: `${label}经度必须是数字` })
    .min(CITY_BOUNDS.minLng, `${label}经度不在中山市范围内`)
    .max(CITY_BOUNDS.maxLng, `${label}经度不在中山市范围内`);
const lat = (label: string) =>
  z
    .number({ error: `${label}纬度必须是数字` })
    .min(CITY_BOUNDS.minLat, `${label}纬度不在中山市范围内`)
    .max(CITY_BOUNDS.maxLat, `${label}纬度不在中山市范围内`);
const bearing = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .min(0, `${label}应在 0–360 度之间`)
    .lt(360, `${label}应在 0–360 度之间`);

export const CHANNEL_KINDS = { optical: '可见光', thermal: '热成像' } as const;
export const MAINTENANCE_KINDS = { cleaning: '镜头清洁', trimming: '树枝修剪', repair: '维修', inspection: '巡检' } as const;
export const MASK_ZONE_KINDS = { non_forest: '非林区', kiln: '窑炉', factory: '工厂', farm: '养殖场/农场', other: '其他热源' } as const;
export const OUTBOX_STATUSES = { pending: '待投递/重试中', delivered: '已投递', dead: '投递失败（死信）' } as const;

// ---- registry

export const ZFireSiteInputSchema = z.object({
  code: z.string({ error: '监控点编号必须填写' }).trim().min(1, '监控点编号必须填写').max(40, '监控点编号最多 40 个字符'),
  name: z.string({ error: '监控点名称必须填写' }).trim().min(2, '监控点名称至少 2 个字').max(60, '监控点名称最多 60 个字'),
  divisionCode: z.string({ error: '镇街必须选择' }).regex(/^\d{9}$/, '镇街代码必须是 9 位数字'),
  longitude: lng('监控点'),
  latitude: lat('监控点'),
  heightM: z.number({ error: '架设高度必须是数字' }).min(0, '架设高度不能为负').max(2000, '架设高度不超过 2000 米').default(0),
});
export type TFireSiteInput = z.input<typeof ZFireSiteInputSchema>;

export const ZFireChannelInputSchema = z.object({
  code: z.string({ error: '通道编号必须填写' }).trim().min(1, '通道编号必须填写').max(40, '通道编号最多 40 个字符'),
  name: z.string({ error: '通道名称必须填写' }).trim().min(1, '通道名称必须填写').max(60, '通道名称最多 60 个字'),
  kind: z.enum(['optical', 'thermal'], { error: '通道类型应为可见光或热成像' }),
  headingDeg: bearing('朝向'),
  fovDeg: z.number({ error: '视场角必须是数字' }).gt(0, '视场角应大于 0').max(360, '视场角不超过 360 度'),
  rangeM: z.number({ error: '探测距离必须是数字' }).min(100, '探测距离至少 100 米').max(50_000, '探测距离不超过 50 公里'),
});
export type TFireChannelInput = z.input<typeof ZFireChannelInputSchema>;

/** An edit of a site: everything but its code (the key of the Excel round trip), and its status. */
export const ZFireSiteUpdateSchema = ZFireSiteInputSchema.omit({ code: true }).extend({
  status: z.enum(['active', 'inactive'], { error: '监控点状态应为启用或停用' }),
});
export type TFireSiteUpdate = z.input<typeof ZFireSiteUpdateSchema>;

/** An edit of a channel: everything but its code, and its status (in service, under maintenance, retired). */
export const ZFireChannelUpdateSchema = ZFireChannelInputSchema.omit({ code: true }).extend({
  status: z.enum(['active', 'maintenance', 'retired'], { error: '通道状态应为运行、维护中或停用' }),
});
export type TFireChannelUpdate = z.input<typeof ZFireChannelUpdateSchema>;

export const ZCalibrationInputSchema = z.object({
  effectiveAt: iso('生效时间'),
  bearingOffsetDeg: z.number({ error: '方位修正必须是数字' }).min(-180, '方位修正应在 ±180 度内').max(180, '方位修正应在 ±180 度内'),
  distanceOffsetM: z
    .number({ error: '距离修正必须是数字' })
    .min(-5000, '距离修正应在 ±5000 米内')
    .max(5000, '距离修正应在 ±5000 米内')
    .default(0),
  note: z.string().trim().max(500, '说明最多 500 个字').default(''),
});

export const ZFireMaintenanceInputSchema = z.object({
  channelId: z.number().int().positive('通道编号不正确').nullable().default(null),
  kind: z.enum(['cleaning', 'trimming', 'repair', 'inspection'], { error: '维护类型不正确' }),
  doneOn: z.string({ error: '维护日期必须填写' }).regex(/^\d{4}-\d{2}-\d{2}$/, '维护日期格式应为 YYYY-MM-DD'),
  note: z.string().trim().max(500, '说明最多 500 个字').default(''),
});

export const ZFireChannelSchema = z.object({
  id: z.number(),
  siteId: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['optical', 'thermal']),
  headingDeg: z.number(),
  fovDeg: z.number(),
  rangeM: z.number(),
  bearingOffsetDeg: z.number(),
  distanceOffsetM: z.number(),
  status: z.enum(['active', 'maintenance', 'retired']),
  lastHeartbeatAt: z.string().nullable(),
  alertKind: z.enum(Object.keys(DEVICE_ALERT_KINDS) as [keyof typeof DEVICE_ALERT_KINDS]).nullable(),
});
export type TFireChannel = z.infer<typeof ZFireChannelSchema>;

export const ZFireSiteSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  townName: z.string(),
  longitude: z.number(),
  latitude: z.number(),
  heightM: z.number(),
  status: z.enum(['active', 'inactive']),
  channels: z.array(ZFireChannelSchema),
});
export type TFireSite = z.infer<typeof ZFireSiteSchema>;

export const ZChannelDetailSchema = ZFireChannelSchema.extend({
  siteName: z.string(),
  calibrations: z.array(
    z.object({ id: z.number(), effectiveAt: z.string(), bearingOffsetDeg: z.number(), distanceOffsetM: z.number(), note: z.string() }),
  ),
  maintenance: z.array(z.object({ id: z.number(), kind: z.string(), doneOn: z.string(), note: z.string() })),
  alerts: z.array(z.object({ id: z.number(), kind: z.string(), openedAt: z.string(), clearedAt: z.string().nullable() })),
});

export const ZRegistryImportResultSchema = z.object({
  sites: z.number(),
  channels: z.number(),
  problems: z.array(z.object({ row: z.number(), sheet: z.string(), message: z.string() })),
});

// ---- API keys

export const ZApiKeyInputSchema = z.object({
  platform: z.string({ error: '平台名称必须填写' }).trim().min(2, '平台名称至少 2 个字').max(60, '平台名称最多 60 个字'),
  channelIds: z.array(z.number().int().positive('通道编号不正确')).min(1, '至少选择一个通道').max(1000),
});
export const ZApiKeySchema = z.object({
  id: z.number(),
  platform: z.string(),
  prefix: z.string(),
  channelCount: z.number(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const ZApiKeyCreatedSchema = ZApiKeySchema.extend({ key: z.string() });

// ---- ingestion

export const FIRE_BATCH_LIMIT = 500;

/** One alarm as a camera platform posts it; validated item by item so one bad item does not sink the batch. */
export const ZFireAlarmInputSchema = z
  .object({
    alarmId: z
      .string({ error: '告警编号（alarmId）必须填写' })
      .trim()
      .min(1, '告警编号（alarmId）必须填写')
      .max(100, '告警编号最多 100 个字符'),
    channel: z.string({ error: '通道编号（channel）必须填写' }).trim().min(1, '通道编号（channel）必须填写').max(40),
    at: iso('告警时间（at）'),
    bearingDeg: bearing('方位角（bearingDeg）').nullable().default(null),
    box: z
      .object(
        {
          x: z.number().min(0),
          y: z.number().min(0),
          w: z.number().positive(),
          h: z.number().positive(),
          imageWidth: z.number().positive(),
        },
        { error: '像素框（box）应含 x、y、w、h、imageWidth' },
      )
      .nullable()
      .default(null),
    longitude: lng('告警位置').nullable().default(null),
    latitude: lat('告警位置').nullable().default(null),
    distanceM: z
      .number({ error: '距离（distanceM）必须是数字' })
      .min(0, '距离不能为负')
      .max(50_000, '距离不超过 50 公里')
      .nullable()
      .default(null),
    confidence: z
      .number({ error: '置信度（confidence）必须是数字' })
      .min(0, '置信度应在 0–1 之间')
      .max(1, '置信度应在 0–1 之间')
      .nullable()
      .default(null),
    imageRef: z.string().trim().max(500, '图片地址最多 500 个字符').nullable().default(null),
  })
  .refine((a) => (a.longitude === null) === (a.latitude === null), { message: '告警位置的经度和纬度须同时给出', path: ['latitude'] });
export type TFireAlarmInput = z.input<typeof ZFireAlarmInputSchema>;

export const ZFireBatchSchema = z.object({
  alarms: z.array(z.unknown()).min(1, '告警列表（alarms）不能为空').max(FIRE_BATCH_LIMIT, `一批最多 ${FIRE_BATCH_LIMIT} 条告警`),
});

export const ZIngestItemResultSchema = z.object({
  index: z.number(),
  alarmId: z.string().nullable(),
  status: z.enum(['accepted', 'suppressed', 'duplicate', 'rejected']),
  incidentId: z.number().nullable(),
  maskZoneId: z.number().nullable(),
  field: z.string().nullable(),
  message: z.string().nullable(),
});
export const ZIngestResultSchema = z.object({
  accepted: z.number(),
  suppressed: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  items: z.array(ZIngestItemResultSchema),
});
export type TIngestResult = z.infer<typeof ZIngestResultSchema>;

export const ZHeartbeatInputSchema = z.object({
  channel: z.string({ error: '通道编号（channel）必须填写' }).trim().min(1).max(40),
  at: iso('心跳时间（at）'),
  power: z.enum(['mains', 'battery', 'off'], { error: '供电状态（power）应为 mains、battery 或 off' }).nullable().default(null),
  network: z.enum(['ok', 'weak'], { error: '网络状态（network）应为 ok 或 weak' }).nullable().default(null),
  camera: z.enum(['ok', 'fault'], { error: '摄像机状态（camera）应为 ok 或 fault' }).nullable().default(null),
});
export const ZHeartbeatBatchSchema = z.object({
  heartbeats: z.array(ZHeartbeatInputSchema).min(1, '心跳列表不能为空').max(FIRE_BATCH_LIMIT, `一批最多 ${FIRE_BATCH_LIMIT} 条心跳`),
});

// ---- incidents

export const ZIncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const ZFalseLabelSchema = z.enum(FALSE_ALARM_LABEL_CODES, { error: '误报原因不正确' });

export const ZFireIncidentSchema = z.object({
  id: z.number(),
  status: ZIncidentStatusSchema,
  divisionCode: z.string(),
  townName: z.string(),
  longitude: z.number(),
  latitude: z.number(),
  uncertaintyM: z.number(),
  method: z.enum(['single', 'triangulated']),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  alarmCount: z.number(),
  channels: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), siteName: z.string() })),
  maxConfidence: z.number().nullable(),
  openedAt: z.string(),
  ackDeadline: z.string(),
  acknowledgedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  falseLabel: ZFalseLabelSchema.nullable(),
  verifyNote: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  accidentId: z.number().nullable(),
  version: z.number(),
});
export type TFireIncident = z.infer<typeof ZFireIncidentSchema>;

export const ZIncidentDetailSchema = ZFireIncidentSchema.extend({
  alarms: z.array(
    z.object({
      id: z.number(),
      externalId: z.string(),
      channelCode: z.string(),
      at: z.string(),
      bearingDeg: z.number().nullable(),
      confidence: z.number().nullable(),
      imageRef: z.string().nullable(),
      longitude: z.number(),
      latitude: z.number(),
    }),
  ),
  notifications: z.array(z.object({ kind: z.enum(['escalation', 'dispatch']), recipient: z.string(), phone: z.string(), at: z.string() })),
  forwarding: z.array(
    z.object({ id: z.number(), kind: z.string(), status: z.string(), attempts: z.number(), deliveredAt: z.string().nullable() }),
  ),
});

export const ZBoardQuerySchema = z.object({
  hours: z.coerce.number().int().min(1).max(168).default(24),
  /** The stamp of the board the viewer holds: the answer is then what changed since, when the server can tell. */
  since: z.string().max(200, '看板版本标记过长').optional(),
});
const ZBoardCountsSchema = z.object({ new: z.number(), verified: z.number(), dispatched: z.number(), unacknowledgedLate: z.number() });
const ZBoardDeviceAlertsSchema = z.array(
  z.object({ channelId: z.number(), channelCode: z.string(), siteName: z.string(), kind: z.string(), openedAt: z.string() }),
);
export const ZBoardSchema = z.object({
  stamp: z.string(),
  incidents: z.array(ZFireIncidentSchema),
  counts: ZBoardCountsSchema,
  deviceAlerts: ZBoardDeviceAlertsSchema,
});
export type TBoard = z.infer<typeof ZBoardSchema>;
/**
 * What changed on a board since the viewer's stamp `since`: the incidents added or changed (as on the full board), the
 * ids that left it, the counts and device alerts in full (they are small), and the new stamp. `order` is the shown ids
 * in order, sent only when the rule of `applyBoardDelta` (last seen latest first, then the higher id) cannot tell it.
 */
export const ZBoardDeltaSchema = z.object({
  stamp: z.string(),
  since: z.string(),
  changed: z.array(ZFireIncidentSchema),
  removed: z.array(z.number()),
  order: z.array(z.number()).optional(),
  counts: ZBoardCountsSchema,
  deviceAlerts: ZBoardDeviceAlertsSchema,
});
export type TBoardDelta = z.infer<typeof ZBoardDeltaSchema>;
/** The board's answer: a delta when the viewer's `since` is a stamp the server can answer from, else the full board. */
export const ZBoardAnswerSchema = z.union([ZBoardDeltaSchema, ZBoardSchema]);
export type TBoardAnswer = z.infer<typeof ZBoardAnswerSchema>;

export const ZIncidentListQuerySchema = z.object({
  status: ZIncidentStatusSchema.optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式应为 YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式应为 YYYY-MM-DD')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZVerifyInputSchema = z.discriminatedUnion(
  'real',
  [
    z.object({ real: z.literal(true), note: z.string().trim().max(500, '说明最多 500 个字').default(''), version: z.number().int() }),
    z.object({
      real: z.literal(false),
      label: ZFalseLabelSchema,
      note: z.string().trim().max(500, '说明最多 500 个字').default(''),
      version: z.number().int(),
    }),
  ],
  { error: '请选择确认火情或误报' },
);

export const ZDispatchInputSchema = z.object({
  recipients: z
    .array(
      z.object({
        name: z.string({ error: '通知对象必须填写' }).trim().min(2, '通知对象至少 2 个字').max(60),
        phone: z.string().trim().max(30).default(''),
      }),
    )
    .min(1, '至少通知一个单位')
    .max(20),
  version: z.number().int(),
});
export const ZCloseInputSchema = z.object({
  outcome: z.string({ error: '处置结果必须填写' }).trim().min(2, '处置结果至少 2 个字').max(1000, '处置结果最多 1000 个字'),
  version: z.number().int(),
});

// ---- mask zones

const ZRingSchema = z
  .array(z.tuple([z.number(), z.number()]))
  .min(3, '多边形至少 3 个顶点')
  .max(5000);
export const ZPolygonSchema = z.array(ZRingSchema).min(1, '多边形至少有外环').max(50);

export const ZMaskZoneInputSchema = z.object({
  name: z.string({ error: '屏蔽区名称必须填写' }).trim().min(2, '屏蔽区名称至少 2 个字').max(60),
  kind: z.enum(['non_forest', 'kiln', 'factory', 'farm', 'other'], { error: '屏蔽区类型不正确' }),
  /** Drawn polygons, or a GeoJSON Polygon / MultiPolygon / Feature / FeatureCollection. */
  polygons: z.array(ZPolygonSchema).min(1).max(100).optional(),
  geojson: z.unknown().optional(),
});
export const ZMaskZoneSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  source: z.string(),
  active: z.boolean(),
  polygons: z.array(ZPolygonSchema),
  suppressedCount: z.number(),
  createdAt: z.string(),
});
export const ZZoneAlarmsSchema = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      externalId: z.string(),
      channelCode: z.string(),
      at: z.string(),
      longitude: z.number(),
      latitude: z.number(),
    }),
  ),
});

// ---- health, forwarding, statistics

export const ZHealthSchema = z.object({
  channels: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      siteName: z.string(),
      townName: z.string(),
      lastHeartbeatAt: z.string().nullable(),
      alertKind: z.string().nullable(),
      power: z.string().nullable(),
      network: z.string().nullable(),
      camera: z.string().nullable(),
    }),
  ),
});
export const ZMonthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM') });
export const ZAvailabilitySchema = z.object({
  month: z.string(),
  items: z.array(z.object({ channelId: z.number(), code: z.string(), siteName: z.string(), availability: z.number(), alerts: z.number() })),
});

export const ZOutboxQuerySchema = z.object({ status: z.enum(['pending', 'delivered', 'dead']).optional() });
export const ZOutboxSchema = z.object({
  counts: z.object({ pending: z.number(), delivered: z.number(), dead: z.number() }),
  items: z.array(
    z.object({
      id: z.number(),
      incidentId: z.number(),
      kind: z.string(),
      status: z.enum(['pending', 'delivered', 'dead']),
      attempts: z.number(),
      nextAttemptAt: z.string(),
      lastError: z.string().nullable(),
      deliveredAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const ZFireStatsQuerySchema = z.object({
  from: z.string({ error: '开始日期必须填写' }).regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式应为 YYYY-MM-DD'),
  to: z.string({ error: '结束日期必须填写' }).regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式应为 YYYY-MM-DD'),
});
export const ZFireStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  alarms: z.number(),
  suppressed: z.number(),
  incidents: z.number(),
  real: z.number(),
  falseAlarms: z.number(),
  falseRate: z.number(),
  byChannel: z.array(
    z.object({
      channelId: z.number(),
      code: z.string(),
      siteName: z.string(),
      incidents: z.number(),
      falseAlarms: z.number(),
      falseRate: z.number(),
    }),
  ),
  byLabel: z.array(z.object({ label: ZFalseLabelSchema, count: z.number() })),
  byZone: z.array(z.object({ zoneId: z.number(), name: z.string(), suppressed: z.number() })),
  ack: z.object({ count: z.number(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable(), escalated: z.number() }),
});
export type TFireStats = z.infer<typeof ZFireStatsSchema>;
