/**
 * The duties of the seed document as data (§3 to §7), quoted word for word: the Party committee's
 * (§3), its principal leader's (§4), the other team members' (§5) and the discipline commission's
 * (§6), and the principal leader's "ten things" (§7). `text` keeps the seed's own characters, its
 * ASCII punctuation and its slips (数育, 情況) included, so a reader can find every sentence in the
 * source; the evidence, weights and deadline rules are this project's defaults, edited per unit.
 */

export const SUBJECTS = [
  'committee', // 党委（党组）领导班子
  'principal_leader', // 主要负责人（第一责任人）
  'team_member', // 班子成员
  'commission', // 纪委（纪检组）
] as const;
export type Subject = (typeof SUBJECTS)[number];

export function isSubject(value: unknown): value is Subject {
  return (SUBJECTS as readonly unknown[]).includes(value);
}

/**
 * Names of deadline rules the deadlines library resolves to a day for a unit, a year and its
 * jurisdiction: `year_end` (the last day of the year, §3(1) 每年年底), `responsibility_targets_signed`
 * (the day by which the year's targets are reviewed and signed, §4(1)).
 */
export const DEADLINE_RULES = ['year_end', 'responsibility_targets_signed'] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

export interface DutyTemplateEntry {
  /** `<subject>.<section>.<clause>`, e.g. `committee.3.1`. */
  readonly key: string;
  readonly subject: Subject;
  /** The clause's own heading, e.g. 研究部署. */
  readonly title: string;
  /** The clause's sentences after its heading, as the seed has them. */
  readonly text: string;
  readonly requiredEvidence: string;
  readonly weight: number;
  readonly deadlineRule: DeadlineRule;
}

export const DUTY_TEMPLATE: readonly DutyTemplateEntry[] = [
  {
    key: 'committee.3.1',
    subject: 'committee',
    title: '研究部署',
    text: '认真贯彻落实上级党委、纪委关于党风廉政建设的部署要求,分析研判形势,研究制定工作计划、目标要求和具体措施,明确领导班子、领导干部职责和任务分工,定期听取党风廉政建设和反腐败工作情况汇报,及时协调解决重大问题,推动责任落实。每年年底向上级党委和纪委报告责任制落实情况。',
    requiredEvidence: '年度党风廉政建设工作计划、党委（党组）研究部署会议记录、年底向上级党委和纪委报告责任制落实情况的报告',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.2',
    subject: 'committee',
    title: '健全机制',
    text: '改革和完善党风廉政建设责任制和惩防体系建设领导小组职能,着力构建权责对等的责任分解机制、科学规范的责任落实机制、惩教结合的责任考核机制、完整闭合的责任追究机制,形成齐抓共管、上下贯通、各司其职、层层负责的工作格局和抓党风廉政建设的强大合力。',
    requiredEvidence: '责任分解、责任落实、责任考核、责任追究等制度文件',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.3',
    subject: 'committee',
    title: '选好干部',
    text: '在选人用人方面,领导和监督有关部门严格执行《党政领导干部选拔任用工作条例》,健全科学选人用人机制,深化干部人事制度改革,加强对干部选拔任用工作的监督,坚决纠正“跑官要官”、“买官卖官”、“拉票贿选”和“带病提拔、带病上岗”等问题,实行干部带病提拔责任倒查制,坚决整治、严厉查处选人用人上的不正之风和腐败问题。',
    requiredEvidence: '干部选拔任用工作记录、监督检查情况及问题纠正材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.4',
    subject: 'committee',
    title: '宣传教育',
    text: '认真落实郑州市“四会一课”廉政教育制度,充分利用中心组理论学习、观看警示教育片、开展廉政教育培训等数育手段,加强党性党风党纪教育和廉洁从政的宣传教育,推进廉政文化建设,筑牢思想防线、强化舆论引领、营造崇廉尚廉氛围。',
    requiredEvidence: '“四会一课”廉政教育活动记录、中心组学习记录、警示教育和培训材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.5',
    subject: 'committee',
    title: '作风建设',
    text: '严明党的政治纪律和组织纪律,大力弘扬党的优良作风,大兴艰苦奋斗和调查研究之风,带头厉行勤俭节约,反对铺张浪费。深入贯彻执行中央八项规定精神、《党政机关厉行节约反对浪费条例》、省委省政府若干意见、市委市政府20条规定和区委区政府关于改进工作作风密切联系群众若干规定,持之以恒反对和纠正“四风”,以优良的党风政风带民风促社风。',
    requiredEvidence: '落实中央八项规定精神、纠正“四风”的工作方案、检查记录及整改材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.6',
    subject: 'committee',
    title: '纠风治乱',
    text: '严格贯彻落实党的群众路线,不断完善维护群众权益机制,畅通群众诉求渠道,及时研究解决群众反映强烈的突出问题,坚决查处和纠正损害群众利益的行为。',
    requiredEvidence: '群众诉求办理台账、损害群众利益问题的查处和纠正材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.7',
    subject: 'committee',
    title: '严查案件',
    text: '全力支持和保障纪检监察机关依纪依法查办腐败案件,严格落实查办案件以上级纪委领导为主等规定,及时协调解决重大问题,加大案件查办力度,做到有腐必反、有贪必肃,始终保持惩治腐败高压态势。',
    requiredEvidence: '支持保障案件查办的会议记录、重大问题协调材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.8',
    subject: 'committee',
    title: '源头治理',
    text: '认真贯彻落实党风廉政法规制度,深化体制机制改革,强化对权力运行的制约和监督,推进权力公开透明运行,切实加强廉政风险防控,认真落实建立健全惩治和预防腐败体系实施纲要及工作规划,从源头上预防和治理腐败。',
    requiredEvidence: '廉政风险防控、权力公开透明运行的制度文件及落实材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.9',
    subject: 'committee',
    title: '重视巡视',
    text: '支持和配合上级巡视工作,加强与上级巡视组的沟通、对接和协调,及时研究解决巡视工作中发现的问题,注重巡视成果的运用,认真查处巡视组交办的案件,做好对上级巡视反馈意见的整改和落实。',
    requiredEvidence: '巡视反馈意见整改方案、整改落实情况报告',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'committee.3.10',
    subject: 'committee',
    title: '检查考核',
    text: '加强对党风廉政建设责任制和落实“两个责任”的检查考核,党委班子成员带队且全程参加年度检查考核,听取考核情况汇报,对考核中发现的问题限期整改落实到位,并追究相关人员的责任,考核结果要在一定范围内通报。注重考核结果运用,会同组织部门将考核结果作为领导班子、领导干部评先评优和选拔任用的重要依据。',
    requiredEvidence: '年度检查考核方案、考核情况汇报、问题整改及考核结果通报材料',
    weight: 4,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.1',
    subject: 'principal_leader',
    title: '牵头抓总',
    text: '坚决执行上级党委(党组)和纪委关于党风廉政建设和反腐败工作的决策部署,主持研究制定本地区本部门本单位党风廉政建设工作计划、目标任务和具体措施,审核签署年度党风廉政建设责任目标,做到重要工作亲自部署,重大问题亲自过问,重点环节亲自协调,重要案件亲自督办。',
    requiredEvidence: '主持制定的工作计划和具体措施、审核签署的年度党风廉政建设责任目标',
    weight: 5,
    deadlineRule: 'responsibility_targets_signed',
  },
  {
    key: 'principal_leader.4.2',
    subject: 'principal_leader',
    title: '组织推动',
    text: '积极推进本地区本部门本单位党风廉政建设和反腐败斗争,定期主持召开党委常委会(党组会),专题研究部署党风廉政建设工作,听取专题工作汇报,协调解决工作中的困难和问题,参加涉及党风廉政建设全局性工作的会议和活动。',
    requiredEvidence: '专题研究党风廉政建设的党委常委会（党组会）会议记录',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.3',
    subject: 'principal_leader',
    title: '廉政教育',
    text: '坚持“四会一课”廉政教育制度,通过主持中心组廉政专题学习、主讲廉政党课、宣读案件通报、廉政教育提醒等多种方式,加强对班子成员及党员干部的党性党风党纪教育和廉洁从政教育。',
    requiredEvidence: '主持中心组廉政专题学习、主讲廉政党课的记录和讲稿',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.4',
    subject: 'principal_leader',
    title: '监督检查',
    text: '带队开展党风廉政建设责任制落实情况检查考核,对检查考核末位或干部群众反映问题集中的单位负责人进行约谈。',
    requiredEvidence: '带队检查考核记录、约谈记录',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.5',
    subject: 'principal_leader',
    title: '站位前沿',
    text: '坚持民生为本,认真落实信访举报五项工作机制,带头接访,主动下访,及时处理人民群众来信来访,认真解决群众反映的热点难点问题。',
    requiredEvidence: '接访、下访记录及来信来访处理台账',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.6',
    subject: 'principal_leader',
    title: '落实责任',
    text: '加强对领导班子成员及下一级党委(党组)主要负责人的监管,管好班子,带好队伍,对在党风廉政建设责任制检查中发现问题较多、群众来信来访反映较多、社会反映强烈的突出问题,通过廉政谈话、廉政点评、约谈、函询等方式,督促领导班子成员、下级领导班子廉洁从政,落实“一岗双责”,对领导班子成员、下级党政主要负责人、分管联系部门主要负责人廉政谈话每年不少于一次。',
    requiredEvidence: '廉政谈话记录（班子成员、下级党政主要负责人、分管联系部门主要负责人每年不少于一次）',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.7',
    subject: 'principal_leader',
    title: '作好表率',
    text: '坚持以上率下、以身作则,管好自己,管好亲属和身边工作人员,严格执行民主集中制,自觉践行“三严三实”要求,不搞特权,自觉带头接受干部群众监督,公布个人行使权力清单,签订廉洁从政承诺书,公开述责述廉,报告个人有关事项。',
    requiredEvidence: '个人行使权力清单、廉洁从政承诺书、述责述廉报告、个人有关事项报告',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'principal_leader.4.8',
    subject: 'principal_leader',
    title: '支持“三转”',
    text: '支持纪检监察机关按规定退出议事协调机构,纪委书记(纪检组长)不兼职和分管与党风廉政建设无关的临时性业务工作,保障纪检监察机关突出主业。',
    requiredEvidence: '纪检监察机关退出议事协调机构、纪委书记（纪检组长）分工情况的文件',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'team_member.5.1',
    subject: 'team_member',
    title: '落实职责',
    text: '根据工作分工,定期研究、部署、检查和报告分管范围内的党风廉政建设工作情况,把党风廉政建设要求融入到分管业务工作中,严格落实“一岗双责”。',
    requiredEvidence: '分管范围内党风廉政建设工作的研究部署、检查记录和情况报告',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'team_member.5.2',
    subject: 'team_member',
    title: '强化指导',
    text: '认真贯彻执行上级党委、纪委和本级党委(党组)的决策部署,指导分管部门研究制定加强党风廉政建设的具体措施,完善制度规定,加强风险防控。',
    requiredEvidence: '指导分管部门制定的具体措施和制度规定',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'team_member.5.3',
    subject: 'team_member',
    title: '加强监管',
    text: '对分管部门、分管领域党员干部加强教育,督促分管部门及其负责人廉洁从政、改进作风、认真履职尽责,发现苗头性、倾向性问题早提醒、早纠正',
    requiredEvidence: '对分管部门、分管领域党员干部的教育、提醒和纠正记录',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'team_member.5.4',
    subject: 'team_member',
    title: '接受监督',
    text: '严格执行廉洁从政和改进作风各项规定,坚持以身作则,管好自己,管好亲属和身边工作人员,自觉接受组织和群众监督。',
    requiredEvidence: '廉洁从政承诺及执行廉洁从政、改进作风规定的情况说明',
    weight: 5,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.1',
    subject: 'commission',
    title: '纪律检查',
    text: '坚决维护党章和其他党内法规,严格执行党的政治纪律、组织纪律、经济工作纪律、群众工作纪律,加强对党的路线、方针、政策和省委市委区委重大决策部署贯彻落实情况的监督检查,确保政令畅通。',
    requiredEvidence: '纪律检查和重大决策部署贯彻落实情况的监督检查记录',
    weight: 15,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.2',
    subject: 'commission',
    title: '组织协调',
    text: '根据上级纪委的决策部署,结合本地区本部门本单位实际,向党委(党组)提出党风廉政建设和反腐败工作的建议;在党委(党组)和上级纪委的双重领导下,组织协调党风廉政建设和反腐败工作,协助党委(党组)制定规划、分解任务,提出工作建议,推动任务落实,及时向党委(党组)和上级纪委报告反腐败重大工作情况。',
    requiredEvidence: '向党委（党组）提出的工作建议、向党委（党组）和上级纪委的报告',
    weight: 15,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.3',
    subject: 'commission',
    title: '案件查办',
    text: '按照干部管理权限,严肃查处党员干部违纪违法案件,切实解决发生在重点领域、关键环节和群众身边的腐败问题。坚持查办腐败案件以上级纪委领导为主,线索处置和案件查办在向同级党委报告的同时必须向上级纪委报告。',
    requiredEvidence: '线索处置和案件查办情况向同级党委和上级纪委的报告',
    weight: 20,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.4',
    subject: 'commission',
    title: '执纪监督',
    text: '加强对贯彻落实中央八项规定、《党政机关厉行节约反对浪费条例》和省委省政府若干意见、市委市政府20条规定以及区委区政府关于改进工作作风密切联系群众若干规定情況的监督检查,深入推进正风肃纪专项行动,加大惩戒和问责力度。持之以恒反对和纠正“四风”,严肃查处违反作风建设规定的案件,对典型案例及时通报曝光,形成强大震慑。',
    requiredEvidence: '执纪监督检查记录、作风问题案件查处和典型案例通报曝光材料',
    weight: 15,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.5',
    subject: 'commission',
    title: '教育预防',
    text: '落实“四会一课”廉政教育制度,加强理想信念、宗旨意识、廉洁自律和警示教育,教育党员干部“为民、务实、清廉”。促进党员干部廉洁从政,对党员干部作风和纪律上的问题早发现、早纠正、早查处,推进反腐倡廉制度创新。',
    requiredEvidence: '廉政教育和警示教育活动记录',
    weight: 10,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.6',
    subject: 'commission',
    title: '分析研判',
    text: '定期对群众来信来访反映较多、社会反映强烈的突出问题进行梳理汇总和分析研判,提出针对性的处理意见,必要时向同级党委(党组)和上级纪委报告,纪委(纪检组)负责同志对存在苗头性、倾向性问题的下级单位主要负责人进行约谈。',
    requiredEvidence: '信访举报分析研判报告、约谈记录',
    weight: 10,
    deadlineRule: 'year_end',
  },
  {
    key: 'commission.6.7',
    subject: 'commission',
    title: '追究问责',
    text: '建立责任追究制度体系、工作程序和保障机制,形成责任分解、检查监督、倒查追究的完整链条,坚持强化责任追究,加大问责力度。对因领导不力、不抓不管而导致不正之风长期滋生蔓延,或者屡屡出现重大腐败问题而不制止、不查处、不报告的,实行一案双究,既追究当事人责任,又追究相关领导责任。',
    requiredEvidence: '责任追究制度文件、问责和一案双究案件材料',
    weight: 15,
    deadlineRule: 'year_end',
  },
];

/** One of the principal leader's ten things (§7 十件事), run as a project with a ledger. */
export interface TenThing {
  /** 1 to 10, in the seed's order. */
  readonly number: number;
  /** `ten_things.<number>`. */
  readonly key: string;
  readonly subject: 'principal_leader';
  readonly title: string;
  /** The seed's phrase for the item. */
  readonly text: string;
  readonly requiredEvidence: string;
  readonly weight: number;
  readonly deadlineRule: DeadlineRule;
}

const tenThing = (number: number, title: string, text: string, requiredEvidence: string): TenThing => ({
  number,
  key: `ten_things.${number}`,
  subject: 'principal_leader',
  title,
  text,
  requiredEvidence,
  weight: 10,
  deadlineRule: 'year_end',
});

export const TEN_THINGS: readonly TenThing[] = [
  tenThing(1, '部署工作', '部署党风廉政建设工作', '党风廉政建设工作部署会议记录和工作计划'),
  tenThing(2, '党内政治生活', '遵守党内政治生活制度', '民主生活会、组织生活会记录及对照检查材料'),
  tenThing(3, '反腐倡廉教育', '开展反腐倡廉教育', '主讲廉政党课讲稿、中心组廉政专题学习记录'),
  tenThing(4, '专题报告', '专题报告责任制执行情况', '向上级党委和纪委的书面专题报告'),
  tenThing(5, '解决问题', '及时解决党风廉政建设问题', '研究解决问题的会议记录和协调材料'),
  tenThing(6, '检查考核', '检查考核党风廉政建设工作', '检查考核方案、考核结果及通报'),
  tenThing(7, '选拔任用干部', '按照规定选拔任用干部', '干部选拔任用议题研究记录及监督材料'),
  tenThing(8, '领导干部监管', '落实领导干部监管责任', '廉政谈话、约谈、函询记录'),
  tenThing(9, '支持案件查办', '支持和保障案件查办工作', '支持保障案件查办的批示和会议记录'),
  tenThing(10, '接受监督', '接受干部群众监督', '个人行使权力清单、廉洁从政承诺书、述责述廉材料'),
];

export function tenThingOf(number: number): TenThing | undefined {
  return TEN_THINGS.find((item) => item.number === number);
}

/** The template entries of the given subjects, in the seed's order. */
export function templateFor(subjects: readonly Subject[]): readonly DutyTemplateEntry[] {
  return DUTY_TEMPLATE.filter((entry) => subjects.includes(entry.subject));
}
