import { messages } from '@app/common';

/** What notification and webhook errors say, in both languages (see DomainError). */
export const notificationMessages = messages({
  noNotification: (id: string) => ({ zh: `没有通知 ${id}`, en: `No notification ${id}` }),
  noAcknowledgementAsked: (id: string) => ({
    zh: `通知 ${id} 无需确认`,
    en: `Notification ${id} asks for no acknowledgement`,
  }),
  noSuchWebhook: () => ({ zh: '没有这个 Webhook 端点', en: 'No such webhook endpoint' }),
  noWebhookDelivery: (id: string) => ({
    zh: `没有 Webhook 投递记录 ${id}`,
    en: `No webhook delivery ${id}`,
  }),
  atMostCharacters: (max: number) => ({
    zh: `最多 ${max} 个字符`,
    en: `At most ${max} characters`,
  }),
  tooManyWebhooks: (max: number) => ({
    zh: `最多 ${max} 个启用的 Webhook 端点；请先删除一个`,
    en: `At most ${max} active webhook endpoints; remove one first`,
  }),
  notAUrl: () => ({ zh: '不是 URL', en: 'Not a URL' }),
  notHttp: () => ({
    zh: 'Webhook URL 必须使用 http 或 https',
    en: 'A webhook URL must be http or https',
  }),
  credentialsInUrl: () => ({
    zh: '请不要在 URL 中放入凭据；请改为验证签名',
    en: 'Put no credentials in the URL; verify the signature instead',
  }),
  pointsAtPrivateAddress: (host: string, address: string) => ({
    zh: `${host} 指向 ${address}，这是私有、回环或保留地址`,
    en: `${host} points at ${address}, a private, loopback or reserved address`,
  }),
  doesNotResolve: (host: string) => ({
    zh: `无法解析 ${host}`,
    en: `${host} does not resolve`,
  }),
  endpointRetired: (why: string) => ({
    zh: `其端点已不再接收投递（${why}）；请重新注册`,
    en: `Its endpoint no longer receives deliveries (${why}); register it again`,
  }),
  onlyFailedRedelivered: (status: string) => ({
    zh: `只有 FAILED 的投递可以重新投递；此投递为 ${status}`,
    en: `Only a FAILED delivery can be redelivered; this one is ${status}`,
  }),
  beingRedelivered: () => ({ zh: '正在重新投递中', en: 'It is being redelivered already' }),
});
