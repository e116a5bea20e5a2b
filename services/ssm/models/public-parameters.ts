/**
 * Public parameters AWS publishes under /aws/service/... that programs and
 * SDK helpers commonly read. These are fixtures: the ids are made up, shaped
 * as AWS shapes them, so code that resolves "the latest Amazon Linux AMI" gets
 * a well-formed answer. docs/services/ssm.md lists them.
 */
export interface PublicParameter {
  name: string;
  value: string;
  dataType: 'text' | 'aws:ec2:image';
}

const AMIS: [string, string][] = [
  ['/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', 'ami-0a1b2c3d4e5f60001'],
  ['/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64', 'ami-0a1b2c3d4e5f60002'],
  ['/aws/service/ami-amazon-linux-latest/al2023-ami-minimal-kernel-default-x86_64', 'ami-0a1b2c3d4e5f60003'],
  ['/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2', 'ami-0a1b2c3d4e5f60004'],
  ['/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2', 'ami-0a1b2c3d4e5f60005'],
  ['/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id', 'ami-0a1b2c3d4e5f60006'],
  ['/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id', 'ami-0a1b2c3d4e5f60007'],
];

export function publicParameters(region: string): PublicParameter[] {
  return [
    ...AMIS.map(([name, value]) => ({ name, value, dataType: 'aws:ec2:image' as const })),
    { name: `/aws/service/global-infrastructure/regions/${region}`, value: region, dataType: 'text' },
    { name: '/aws/service/global-infrastructure/services/ssm', value: 'ssm', dataType: 'text' },
  ];
}
