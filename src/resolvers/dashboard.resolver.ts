import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../schema/context.type';
import { RunActivityDay, Viewer } from '../schema/dashboard.type';
import { BadInputError } from '../schema/errors';

const MAX_DAYS = 366;

/** Read-only queries the admin dashboard needs: who is calling, and run activity per day. */
@Resolver()
export class DashboardResolver {
  @Query(() => Viewer, {
    description: "The caller: its token's name and role (so a client can tell what it may do).",
  })
  viewer(@Ctx() { caller }: Context): Viewer {
    return { name: caller.name, role: caller.role as Viewer['role'] };
  }

  @Query(() => [RunActivityDay], {
    description:
      'Finished sync runs per UTC day by outcome, with records synced, oldest first; every day of the window is listed.',
  })
  runActivity(
    @Arg('days', () => Int, {
      defaultValue: 30,
      description: 'How many days back, today included; 1..366.',
    })
    days: number,
    @Ctx() { services }: Context,
  ): Promise<RunActivityDay[]> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      throw new BadInputError(`days must be between 1 and ${MAX_DAYS}`);
    return services.runs.activity(days);
  }
}
