/**
 * Accountability measures (问责方式), sanctions (处分) with their impact periods (影响期), and the
 * "four forms" (四种形态) each outcome is counted in. Pure data; deciders and the return read it.
 *
 * Sources (check against the regulations before relying on them as law):
 * - measures: 《中国共产党问责条例》（2019）第八条 — against organisations 检查、通报、改组; against
 *   cadres 通报、诫勉、组织调整或者组织处理、纪律处分 (DOMAIN.md lists the same);
 * - Party sanctions: 《中国共产党纪律处分条例》（2023）第八条 (kinds) and 第十条–第十二条 (impact:
 *   警告 6 months, 严重警告 12 months without promotion, 撤销党内职务 2 years, 留党察看 the
 *   probation of 1 or 2 years, 开除党籍 5 years before readmission);
 * - administrative sanctions: 《中华人民共和国公职人员政务处分法》（2020）第八条 (警告 6 months,
 *   记过 12, 记大过 18, 降级 and 撤职 24; 开除 has no end);
 * - four forms: 《中国共产党党内监督条例》（2016）第七条 — first: criticism, talks, 诫勉; second:
 *   light Party sanctions and organisational adjustment; third: heavy Party sanctions and major
 *   post adjustment; fourth: serious violations suspected of crime, transferred for prosecution.
 */

export const ORGANISATION_MEASURES = ['inspection', 'circulated_criticism', 'reorganisation'] as const;
export const CADRE_MEASURES = ['circulated_criticism', 'admonishment', 'organisational_adjustment', 'disciplinary_sanction'] as const;
export type OrganisationMeasure = (typeof ORGANISATION_MEASURES)[number];
export type CadreMeasure = (typeof CADRE_MEASURES)[number];
export type AccountabilityMeasure = OrganisationMeasure | CadreMeasure;

/** Organisational adjustment (组织调整) of a cadre: 停职检查, 调整职务, 责令辞职, 免职, 降职. */
export const ADJUSTMENTS = ['suspension_for_inspection', 'post_adjustment', 'ordered_resignation', 'removal', 'demotion'] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

export const MEASURE_LABELS: Readonly<Record<AccountabilityMeasure, string>> = {
  inspection: '检查',
  circulated_criticism: '通报',
  reorganisation: '改组',
  admonishment: '诫勉',
  organisational_adjustment: '组织调整',
  disciplinary_sanction: '纪律处分',
};

export const SANCTION_KINDS = ['party', 'administrative'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const PARTY_SANCTIONS = ['warning', 'serious_warning', 'removal_from_party_posts', 'probation', 'expulsion'] as const;
export const ADMINISTRATIVE_SANCTIONS = ['warning', 'demerit', 'major_demerit', 'downgrade', 'dismissal_from_post', 'expulsion'] as const;

export type FourForm = 1 | 2 | 3 | 4;

export interface SanctionRule {
  readonly label: string;
  /** Months the sanction affects the person from its effective day; null: for good; 'probation': its probation period. */
  readonly impactMonths: number | null | 'probation';
  /** The form it is counted in (fourth when transferred for prosecution, whatever the sanction). */
  readonly form: FourForm;
}

export const SANCTION_TABLE: Readonly<Record<SanctionKind, Readonly<Record<string, SanctionRule>>>> = {
  party: {
    warning: { label: '警告', impactMonths: 6, form: 2 },
    serious_warning: { label: '严重警告', impactMonths: 12, form: 2 },
    removal_from_party_posts: { label: '撤销党内职务', impactMonths: 24, form: 3 },
    probation: { label: '留党察看', impactMonths: 'probation', form: 3 },
    expulsion: { label: '开除党籍', impactMonths: 60, form: 3 },
  },
  administrative: {
    warning: { label: '警告', impactMonths: 6, form: 2 },
    demerit: { label: '记过', impactMonths: 12, form: 2 },
    major_demerit: { label: '记大过', impactMonths: 18, form: 2 },
    downgrade: { label: '降级', impactMonths: 24, form: 3 },
    dismissal_from_post: { label: '撤职', impactMonths: 24, form: 3 },
    expulsion: { label: '开除', impactMonths: null, form: 3 },
  },
};

export const KIND_LABELS: Readonly<Record<SanctionKind, string>> = { party: '党纪处分', administrative: '政务处分' };

/** The form a cadre's measure alone is counted in (a sanction then counts by the table). */
export const MEASURE_FORMS: Readonly<Record<CadreMeasure, FourForm>> = {
  circulated_criticism: 1,
  admonishment: 1,
  organisational_adjustment: 2,
  disciplinary_sanction: 2,
};

export const FORM_LABELS: Readonly<Record<FourForm, string>> = { 1: '第一种形态', 2: '第二种形态', 3: '第三种形态', 4: '第四种形态' };
